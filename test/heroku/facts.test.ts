import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runRules } from '../../src/core/engine.js';
import { PlatformError } from '../../src/core/errors.js';
import { HerokuClient } from '../../src/heroku/client.js';
import { gatherHerokuFacts } from '../../src/heroku/facts.js';
import { herokuRules } from '../../src/heroku/rules/index.js';
import { addon, attachment, CANARY } from '../fixtures/heroku/app-facts.js';

/** The nine reads the gatherer makes, as the tiny stand-in answers them for the app `hollow`. */
function apiBodies(pagesBase: string, closedBase: string): Record<string, unknown> {
  return {
    '': { name: 'hollow', acm: true, stack: { name: 'heroku-22' }, build_stack: { name: 'heroku-22' }, generation: { name: 'cedar' }, space: null },
    '/formation': [{ type: 'web', quantity: 1, size: 'Basic', dyno_size: { name: 'Basic' } }],
    '/addons': [addon('pg1', 'heroku-postgresql', 'essential-0')],
    '/addon-attachments': [attachment('DATABASE', 'pg1')],
    '/config-vars': {
      DATABASE_URL: `postgres://u:${CANARY}@db.example.com/d`,
      SECRET_KEY: CANARY,
      DEBUG: 'True',
      MAINTENANCE_PAGE_URL: `${pagesBase}/maintenance.html?token=${CANARY}`,
      ERROR_PAGE_URL: `${closedBase}/error.html?token=${CANARY}`,
    },
    '/domains': [
      { hostname: 'hollow.herokuapp.com', kind: 'heroku', cname: null },
      { hostname: 'www.hollow.example', kind: 'custom', cname: 'www-hollow.herokudns.com', acm_status: 'pending' },
      { hostname: '*.hollow.example', kind: 'custom', cname: 'wild-hollow.herokudns.com', acm_status: null },
    ],
    '/sni-endpoints': [],
    '/log-drains': [{ url: `https://user:${CANARY}@logs.example.com/drain`, token: 'd.1' }],
    '/features': [{ name: 'preboot', enabled: false }],
  };
}

const API_READS = 9;

/**
 * A tiny Platform API stand-in that holds every answer until all nine reads are in flight (or a short
 * fallback passes, so a sequential gatherer fails the assertion instead of hanging), recording the
 * most requests it ever had open at once.
 */
async function startStandIn(closedBase: string) {
  let inFlight = 0;
  let maxInFlight = 0;
  const waiting: (() => void)[] = [];
  const paths: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (url.pathname === '/maintenance.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>Back soon</h1>');
      return;
    }
    paths.push(url.pathname);
    const match = /^\/apps\/([^/]+)(.*)$/.exec(url.pathname);
    if (!match || match[1] !== 'hollow') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'not_found', message: "Couldn't find that app." }));
      return;
    }
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const answer = () => {
      inFlight--;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(apiBodies(base, closedBase)[match[2]!]));
    };
    waiting.push(answer);
    if (waiting.length === API_READS) waiting.splice(0).forEach((release) => release());
    else setTimeout(() => { const i = waiting.indexOf(answer); if (i >= 0) waiting.splice(i, 1)[0]!(); }, 300);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, base, paths, maxInFlight: () => maxInFlight };
}

/** A port nothing listens on: a server opened and closed again. */
async function closedPortBase(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** Keep-alive sockets of requests still answering when a gathering rejected would hold close() open. */
function close(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  return closed;
}

test('facts come from one concurrent round of API reads, then pages and DNS; no secret reaches a report', async () => {
  const closedBase = await closedPortBase();
  const standIn = await startStandIn(closedBase);
  const looked: string[] = [];
  try {
    const client = new HerokuClient({ token: 'test-token', baseUrl: standIn.base, maxRetries: 0 });
    const facts = await gatherHerokuFacts(client, 'hollow', {
      today: new Date('2026-11-27T00:00:00Z'),
      resolveDns: async (host) => {
        looked.push(host);
        if (host === 'www-hollow.herokudns.com') throw new Error('lookup exploded');
        return ['www-hollow.herokudns.com'];
      },
    });

    assert.equal(standIn.maxInFlight(), API_READS, 'the API reads did not all go out at once');
    assert.equal(facts.app.stack?.name, 'heroku-22');
    assert.equal(facts.formation[0]?.dyno_size?.name, 'Basic');
    assert.equal(facts.configVars.SECRET_KEY, CANARY);
    assert.equal(facts.domains.length, 3);
    assert.equal(facts.logDrains.length, 1);

    assert.equal(facts.pages.maintenance?.status, 200);
    assert.equal(facts.pages.maintenance?.contentType, 'text/html');
    assert.equal(facts.pages.error?.error, 'ECONNREFUSED');

    assert.deepEqual(looked.sort(), ['www-hollow.herokudns.com', 'www.hollow.example'], 'wildcards are not looked up');
    assert.deepEqual(facts.dns, { 'www.hollow.example': ['www-hollow.herokudns.com'], 'www-hollow.herokudns.com': null });

    const run = runRules(herokuRules, facts);
    // DEBUG=True in the config vars is security.W018's fact (one owner), judged with the settings, not here.
    assert.ok(!run.findings.some((f) => /DEBUG/.test(f.message)), 'a heroku.* rule reported DEBUG, which security.W018 owns');
    assert.ok(run.findings.some((f) => f.rule === 'heroku.error-pages' && /ERROR_PAGE_URL could not be fetched/.test(f.message)));
    assert.ok(!JSON.stringify(run).includes(CANARY), 'a config-var value reached a report');
  } finally {
    await close(standIn.server);
  }
});

test('an app that does not exist rejects with the client\'s PlatformError, and nothing is fetched after', async () => {
  const standIn = await startStandIn(await closedPortBase());
  let looked = false;
  try {
    const client = new HerokuClient({ token: 'test-token', baseUrl: standIn.base, maxRetries: 0 });
    const gathering = gatherHerokuFacts(client, 'missing', { resolveDns: async () => { looked = true; return null; } });
    await assert.rejects(gathering, (error: unknown) => error instanceof PlatformError && /app missing not found/.test(error.message));
    assert.equal(looked, false);
    assert.ok(standIn.paths.every((p) => p.startsWith('/apps/missing')));
  } finally {
    await close(standIn.server);
  }
});
