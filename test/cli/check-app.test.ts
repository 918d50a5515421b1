import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { HerokuClient } from '../../src/heroku/client.js';
import { parseFault, startLocalPlatform, type LocalPlatform } from '../../src/local/server.js';
import { implanta } from './helpers/run-cli.js';

/**
 * `implanta check --app` against `implanta local` over real HTTP: an app set up as the guide's production
 * check asks passes every point; each misconfiguration fails exactly its point; the custom pages are
 * fetched over real TLS (a throwaway CA the test makes); a canary secret in the config vars appears in
 * no output of any format; a platform that keeps failing ends in a one-line exit-3 error.
 */
const HOLLOW = join(import.meta.dirname, '..', '..', 'examples', 'hollow');
const CANARY = 'canary-7f3b9e21d4c8a6057e19b3d2c4f6a8e0-do-not-print';
const TOKEN = 'check-app-token';

let work: string;
let local: LocalPlatform;
let pages: Server;
let pagesUrl: string;
let caFile: string;

function makeCertificates(dir: string): { cert: string; key: string } {
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=implanta test CA', '-keyout', 'ca.key', '-out', 'ca.pem', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign']);
  run(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', 'pages.key', '-out', 'pages.csr']);
  writeFileSync(join(dir, 'pages.ext'), 'subjectAltName=IP:127.0.0.1\n');
  run(['x509', '-req', '-in', 'pages.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '1', '-out', 'pages.pem', '-extfile', 'pages.ext']);
  return { cert: readFileSync(join(dir, 'pages.pem'), 'utf8'), key: readFileSync(join(dir, 'pages.key'), 'utf8') };
}

interface Setup {
  stack?: string;
  size?: string;
  quantity?: number;
  postgres?: string;
  follower?: boolean;
  apm?: boolean;
  logging?: 'drain' | 'addon' | 'none';
  pages?: boolean;
  acm?: boolean;
  preboot?: boolean;
  debug?: string;
}

const GOOD: Required<Setup> = { stack: 'heroku-24', size: 'standard-2x', quantity: 2, postgres: 'premium-0', follower: false, apm: true, logging: 'drain', pages: true, acm: true, preboot: true, debug: 'false' };

/** An app set up through the Platform API as any client would, as the guide asks unless `changes` say otherwise. */
async function createApp(name: string, changes: Setup = {}): Promise<void> {
  const s = { ...GOOD, ...changes };
  const client = new HerokuClient({ token: TOKEN, baseUrl: local.url });
  await client.post('/apps', { name, stack: s.stack });
  await client.post(`/apps/${name}/addons`, { plan: `heroku-postgresql:${s.postgres}`, attachment: { name: 'DATABASE' } });
  if (s.follower) await client.post(`/apps/${name}/addons`, { plan: `heroku-postgresql:${s.postgres}` });
  if (s.apm) await client.post(`/apps/${name}/addons`, { plan: 'newrelic:wayne' });
  if (s.logging === 'drain') await client.post(`/apps/${name}/log-drains`, { url: 'syslog+tls://logs.example.org:6514' });
  if (s.logging === 'addon') await client.post(`/apps/${name}/addons`, { plan: 'papertrail:choklad' });
  await client.post(`/apps/${name}/domains`, { hostname: `www.${name}.example`, sni_endpoint: null });
  if (s.acm) await client.post(`/apps/${name}/acm`, {});
  await client.patch(`/apps/${name}/features/preboot`, { enabled: s.preboot });
  await client.patch(`/apps/${name}/config-vars`, {
    SECRET_KEY: CANARY,
    DEBUG: s.debug,
    ALLOWED_HOSTS: `${name}.herokuapp.com,www.${name}.example`,
    ...(s.pages && { MAINTENANCE_PAGE_URL: `${pagesUrl}/maintenance.html`, ERROR_PAGE_URL: `${pagesUrl}/error.html` }),
  });
  const slug = await client.post<{ id: string }>(`/apps/${name}/slugs`, { process_types: { web: 'gunicorn hollow.wsgi --log-file -', release: 'python manage.py migrate --noinput' } });
  await client.post(`/apps/${name}/releases`, { slug: slug.id, description: 'Deploy' });
  await client.patch(`/apps/${name}/formation`, { updates: [{ type: 'web', quantity: s.quantity, dyno_size: { name: s.size } }] });
}

interface Report {
  findings: Array<{ rule: string; severity: string }>;
}

async function checkApp(app: string, extra: string[] = []) {
  return implanta(['check', HOLLOW, '--app', app, ...extra], {
    env: { HEROKU_API_KEY: TOKEN, IMPLANTA_API_URL: local.url, NODE_EXTRA_CA_CERTS: caFile },
  });
}

/** The production-check points at warning or error: what the user must fix. */
async function failingPoints(app: string): Promise<string[]> {
  const run = await checkApp(app, ['--format', 'json']);
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  const report = JSON.parse(run.stdout) as Report;
  // Every family, not only heroku.*: a fact has one owner (a stack's support is versions.stack's,
  // DEBUG on is Django's W018), and nothing else may fail for it.
  return [...new Set(report.findings.filter((f) => f.severity !== 'info').map((f) => f.rule))].sort();
}

/**
 * Each test's own net against a hang, not one for the describe: under a load average of 20 the file's
 * 14 tests took 299.95 s of the 300 s the describe had, so its last test could fail for time the ones
 * before it used.
 */
const HANG = { timeout: 300_000 };

describe('implanta check --app against implanta local', () => {
  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'implanta-check-app-'));
    const { cert, key } = makeCertificates(work);
    caFile = join(work, 'ca.pem');
    pages = createServer({ cert, key }, (req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>${req.url}</title><p>Back soon.</p>`);
    });
    await new Promise<void>((done) => pages.listen(0, '127.0.0.1', done));
    pagesUrl = `https://127.0.0.1:${(pages.address() as { port: number }).port}`;
    local = await startLocalPlatform({ port: 0, dataDir: join(work, 'platform'), acmDelayMs: 0 });
  });

  after(async () => {
    await local?.close();
    await new Promise((done) => pages?.close(done));
    rmSync(work, { recursive: true, force: true });
  });

  it('passes every production-check point for an app set up as the guide asks', HANG, async () => {
    await createApp('good');
    assert.deepEqual(await failingPoints('good'), []);
    const run = await checkApp('good');
    assert.equal(run.code, 0, run.stdout + run.stderr);
  });

  const misconfigurations: Array<[string, Setup, string[]]> = [
    ['old-stack', { stack: 'heroku-22' }, ['versions.stack']],
    ['eco-dynos', { size: 'basic', quantity: 1 }, ['heroku.dyno-tier', 'heroku.redundancy']],
    ['one-dyno', { quantity: 1 }, ['heroku.redundancy']],
    ['essential-db', { postgres: 'essential-0' }, ['heroku.postgres']],
    ['no-ha', { postgres: 'standard-0' }, ['heroku.postgres-ha']],
    ['no-logs', { logging: 'none' }, ['heroku.log-monitoring']],
    ['no-pages', { pages: false }, ['heroku.error-pages']],
    ['no-acm', { acm: false }, ['heroku.ssl']],
    ['no-preboot', { preboot: false }, ['heroku.preboot']],
    ['debug-on', { debug: 'true' }, ['security.W018']],
  ];
  for (const [name, setup, expected] of misconfigurations) {
    it(`fails exactly its point: ${name} → ${expected.join(', ')}`, HANG, async () => {
      await createApp(name, setup);
      assert.deepEqual(await failingPoints(name), expected);
    });
  }

  it('an app with a follower database has high availability on a Standard plan', HANG, async () => {
    await createApp('follower', { postgres: 'standard-0', follower: true });
    assert.deepEqual(await failingPoints('follower'), []);
  });

  it('never prints a config-var value, in any format', HANG, async () => {
    for (const format of ['text', 'json', 'sarif', 'junit']) {
      const run = await checkApp('debug-on', ['--format', format]);
      assert.ok(run.stdout.length > 100, format);
      assert.ok(!(run.stdout + run.stderr).includes(CANARY), `${format} printed the canary`);
    }
  });

  it('a platform that keeps answering 500 gives bounded retries, then one line and exit 3', HANG, async () => {
    const faulty = await startLocalPlatform({ port: 0, dataDir: join(work, 'faulty'), faults: [parseFault('500:1')] });
    try {
      const run = await implanta(['check', HOLLOW, '--app', 'good'], { env: { HEROKU_API_KEY: TOKEN, IMPLANTA_API_URL: faulty.url } });
      assert.equal(run.code, 3, run.stderr);
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.match(run.stderr, /^implanta: GET \/apps\/good/);
      assert.ok(!run.stderr.includes(TOKEN));
    } finally {
      await faulty.close();
    }
  });
});
