import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { HerokuClient } from '../../src/heroku/client.js';
import { startLocalPlatform, type LocalPlatform } from '../../src/local/server.js';
import { commit, makeRepo, sh, tempDir } from '../deploy/helpers/git-repo.js';
import { hollowDatabase } from '../upgrade/helpers/hollow.js';
import { implanta, type CliRun } from './helpers/run-cli.js';

/**
 * The deploy family of commands run for real, as a user runs them, against `implanta local` serving from
 * this process: a copy of the Hollow example is tested (Django's own test runner, a real PostgreSQL),
 * deployed over git, served by gunicorn behind the local router, put in maintenance, scaled, and refused
 * a retire nobody confirmed.
 */
const SUPERUSER = 'postgres://implanta:implanta@127.0.0.1:5432/postgres';
const PYTHON = '/usr/bin/python3';
const HOLLOW = join(import.meta.dirname, '..', '..', 'examples', 'hollow');
const TOKEN = 'cli-token-5b8e0d2a';
const SECRET_KEY = 'cli-secret-key-'.padEnd(60, 'q');
const APP = 'hollow-cli';
const GATES = ['branch', 'clean tree', 'up to date', 'tested', 'checks', 'no other deploy', 'platform', 'migrations'];

const missing = !existsSync(PYTHON) ? `${PYTHON} (with Django) is not installed` : undefined;

describe('the deploy commands against implanta local', { skip: missing ?? false, timeout: 600_000 }, () => {
  let local: LocalPlatform;
  let client: HerokuClient;
  let repo: string;
  let env: NodeJS.ProcessEnv;
  let testEnvFile: string;
  let dropDatabase: () => void;
  const run = (args: string[]): Promise<CliRun> => implanta(args, { cwd: repo, env });
  const builds = async () => (await client.list(`/apps/${APP}/builds`)).length;

  before(async () => {
    local = await startLocalPlatform({ port: 0, dataDir: tempDir('implanta-cli-'), postgresUrl: SUPERUSER, run: { python: PYTHON } });
    client = new HerokuClient({ token: TOKEN, baseUrl: local.url });
    await client.post('/apps', { name: APP });
    await client.post(`/apps/${APP}/addons`, { plan: 'heroku-postgresql:essential-0' });
    await client.patch(`/apps/${APP}/config-vars`, { SECRET_KEY, ALLOWED_HOSTS: '127.0.0.1,localhost,.localhost', DEBUG: 'false' });
    env = { HEROKU_API_KEY: TOKEN, IMPLANTA_API_URL: local.url, HOME: tempDir('implanta-cli-home-') };

    repo = makeRepo({ 'README.md': 'hollow\n' });
    cpSync(HOLLOW, repo, { recursive: true, filter: (src) => !/(__pycache__|production\.env|staticfiles)/.test(src) });
    writeFileSync(join(repo, '.implanta.json'), JSON.stringify({ smoke: { max_ms: 10_000 }, watch_seconds: 2 }));
    commit(repo, {}, 'the Hollow site');
    ({ envFile: testEnvFile, drop: dropDatabase } = hollowDatabase(tempDir('implanta-cli-env-'), 'cli'));
  });
  after(async () => {
    await local?.close();
    dropDatabase?.();
  });

  it('test records a failed run with exit 1, then a passing run of manage.py test with exit 0', async () => {
    const failed = await run(['test', '--command', 'echo testing; exit 3']);
    assert.equal(failed.code, 1, failed.stderr);
    assert.match(failed.stdout, /^ {4}testing$/m);
    assert.match(failed.stdout, /failed \(exit status 3\)/);

    const passed = await run(['test', '--python', PYTHON, '--env-file', testEnvFile]);
    assert.equal(passed.code, 0, passed.stdout + passed.stderr);
    assert.match(passed.stdout, /^→ tests: .*manage\.py test on production/m);
    assert.match(passed.stdout, /git push origin refs\/notes\/implanta/);
    const note = sh(repo, ['notes', '--ref=implanta', 'show', 'HEAD']).split('\n').at(-1)!;
    assert.equal(JSON.parse(note).result, 'passed');
  });

  it('deploy --dry-run prints the plan and every gate, and changes nothing', async () => {
    const releases = (await client.list(`/apps/${APP}/releases`)).length;
    const dry = await run(['deploy', '-a', APP, '--dry-run', '--fail-level', 'none', '--format', 'json']);
    assert.equal(dry.code, 0, dry.stdout + dry.stderr);
    const { deploy } = JSON.parse(dry.stdout);
    assert.equal(deploy.outcome, 'dry-run');
    assert.deepEqual(deploy.gates.map((g: { name: string }) => g.name), GATES);
    assert.ok(deploy.plan.length > 0);
    // The steps went to stderr, so that standard output is the JSON alone.
    assert.match(dry.stderr, /^✓ tested: /m);
    assert.equal((await client.list(`/apps/${APP}/releases`)).length, releases);
    assert.equal(await builds(), 0);
    assert.ok(!(dry.stdout + dry.stderr).includes(SECRET_KEY));
  });

  it('deploy refuses an untested commit with exit 1 and the command that fixes it', async () => {
    commit(repo, { 'README.md': 'hollow, edited\n' }, 'an untested change');
    const refused = await run(['deploy', '-a', APP, '--fail-level', 'none']);
    assert.equal(refused.code, 1, refused.stdout + refused.stderr);
    assert.match(refused.stdout, /✗ tested: [0-9a-f]{12} has no recorded test run/);
    assert.match(refused.stdout, /fix: implanta test/);
    assert.equal(await builds(), 0);
  });

  it('deploy shows every step and the build output live, then the summary; releases lists the deploy', async () => {
    // Hollow's own tests passed on the commit before; this one only edits the README.
    const tested = await run(['test', '--command', 'true']);
    assert.equal(tested.code, 0, tested.stdout + tested.stderr);
    const shipped = await run(['deploy', '-a', APP, '--fail-level', 'none']);
    assert.equal(shipped.code, 0, shipped.stdout + shipped.stderr);
    for (const step of ['push', 'build', 'release', 'serving', 'smoke', 'watch']) assert.match(shipped.stdout, new RegExp(`^✓ ${step}: .*\\(\\d+\\.\\ds\\)$`, 'm'));
    assert.match(shipped.stdout, /^ {4}-----> Building on the Heroku-24 stack$/m);
    assert.match(shipped.stdout, /^Deploy of hollow-cli: deployed$/m);
    assert.match(shipped.stdout, /^ {2}open: +http:\/\/127\.0\.0\.1:\d+\/$/m);
    // What the settings promise: the headers, and SECURE_SSL_REDIRECT's 301 for a request that came over http.
    assert.match(shipped.stdout, /ok header: x-frame-options: DENY/);
    assert.match(shipped.stdout, /ok https-redirect: 301 to https:\/\//);
    assert.ok(!(shipped.stdout + shipped.stderr).includes(SECRET_KEY));

    const head = sh(repo, ['rev-parse', 'HEAD']).slice(0, 12);
    const release = Number(/^ {2}release: v(\d+)/m.exec(shipped.stdout)?.[1]);
    const listed = await run(['releases', '-a', APP]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, new RegExp(`^v${release} \\* .*deploy ${head}, smoke passed, deployed`, 'm'));
  });

  it('logs -a reads the app\'s log through a log session, and summarises its router lines', async () => {
    const { web_url: webUrl } = await client.get<{ web_url: string }>(`/apps/${APP}`);
    for (const path of ['/', '/health?token=visitor-secret-123', '/missing/']) await (await fetch(new URL(path, webUrl))).arrayBuffer();
    const lines = await run(['logs', '-a', APP, '--num', '1500', '--source', 'heroku', '--dyno', 'router']);
    assert.equal(lines.code, 0, lines.stderr);
    assert.match(lines.stdout, /heroku\[router\]: at=info method=GET path="\/health\?token=\[redacted\]" .* status=200 /);
    assert.ok(!lines.stdout.includes('visitor-secret-123'));
    assert.ok(lines.stdout.trim().split('\n').every((line) => line.includes(' heroku[router]: ')), 'only router lines');
    const summary = await run(['logs', '-a', APP, '--num', '1500', '--summary', '--format', 'json']);
    assert.equal(summary.code, 0, summary.stderr);
    const out = JSON.parse(summary.stdout);
    assert.equal(out.app, APP);
    assert.ok(out.requests >= 3, `requests: ${out.requests}`);
    assert.ok(out.status['4xx'] >= 1);
    assert.equal(typeof out.service_ms.p95, 'number');
    assert.ok(!summary.stdout.includes(SECRET_KEY));
  });

  it('rollback with no earlier release that had code is refused with exit 2', async () => {
    const refused = await run(['rollback', '-a', APP]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /^implanta: hollow-cli has no earlier release with code to roll back to\n$/);
  });

  it('maintenance on serves a 503, off serves the app again', async () => {
    const { web_url: webUrl } = await client.get<{ web_url: string }>(`/apps/${APP}`);
    const on = await run(['maintenance', 'on', '-a', APP]);
    assert.equal(on.code, 0, on.stdout + on.stderr);
    assert.match(on.stdout, /maintenance on/);
    assert.equal((await fetch(webUrl)).status, 503);
    const off = await run(['maintenance', 'off', '-a', APP]);
    assert.equal(off.code, 0, off.stdout + off.stderr);
    assert.match(off.stdout, /maintenance off; the app answers 200/);
    assert.equal((await fetch(webUrl)).status, 200);
  });

  it('scale web=0 prints the formation before and after and calls it deactivation', async () => {
    const scaled = await run(['scale', '-a', APP, 'web=0']);
    assert.equal(scaled.code, 0, scaled.stdout + scaled.stderr);
    assert.match(scaled.stdout, /^web +1 × \S+ +0 × \S+ +stopped \(deactivation\)$/m);
    const formation = await client.list<{ type: string; quantity: number }>(`/apps/${APP}/formation`);
    assert.equal(formation.find((f) => f.type === 'web')?.quantity, 0);
  });

  it('lock status shows a stale lock, and lock release removes it', async () => {
    const file = join(repo, '.git', 'implanta', 'locks', `${APP}.lock`);
    mkdirSync(join(file, '..'), { recursive: true });
    // A pid far above Linux's default pid_max: no process has it.
    writeFileSync(file, JSON.stringify({ app: APP, holder: `ci@${hostname()}`, host: hostname(), pid: 99_999_999, at: new Date().toISOString(), commit: 'c0ffee'.padEnd(40, '0'), token: 'stale' }));
    const status = await run(['lock', 'status', '-a', APP]);
    assert.equal(status.code, 0);
    assert.match(status.stdout, /STALE lock/);
    assert.match(status.stdout, /holder: +ci@/);
    const released = await run(['lock', 'release', '-a', APP]);
    assert.equal(released.code, 0, released.stdout + released.stderr);
    assert.equal(existsSync(file), false);
  });

  it('retire without a terminal and without --confirm refuses with exit 2 and destroys nothing', async () => {
    const refused = await run(['retire', '-a', APP]);
    assert.equal(refused.code, 2);
    assert.equal(refused.stderr, `implanta: retire destroys ${APP}, and there is no terminal to confirm on: pass --confirm ${APP}\n`);
    assert.equal((await client.get<{ name: string }>(`/apps/${APP}`)).name, APP);
    assert.equal(existsSync(join(repo, '.implanta', 'backups')), false);
  });
});
