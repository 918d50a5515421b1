import { test } from 'node:test';
import assert from 'node:assert/strict';
import { git, hollowRepo, startRunningPlatform, TOKEN, waitFor, waitForWeb } from '../helpers/local-runtime.js';
import { HEROKU_CLI_VERSION, herokuCli, type CliResult } from '../helpers/heroku-cli.js';

/**
 * The proof of issue 12: the official Heroku CLI (npm `heroku`, pinned, on Node 20) driven against
 * `implanta local`, each command's effect checked against what the Platform API then holds (every API
 * answer read here is validated against Heroku's schema by `call`). The CLI is installed into the user's
 * cache on first use (test/helpers/heroku-cli.ts); the package does not depend on it.
 */

const APP = 'cli-hollow';
const SECRET_KEY = 'a-test-secret-key-that-is-long-enough-for-django-0123456789';

function ok(result: CliResult, what: string): string {
  assert.equal(result.code, 0, `heroku ${what} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

test(`the Heroku CLI ${HEROKU_CLI_VERSION} works against implanta local`, { timeout: 1_800_000 }, async (t) => {
  const local = await startRunningPlatform(t);
  assert.ok(local.certificatePath, 'the running platform serves TLS (openssl is there)');
  const heroku = await herokuCli(t, local, TOKEN);
  const repo = await hollowRepo(t);
  const api = async (path: string) => (await local.call('GET', path)).body;

  await t.test('apps:create inside a repository adds an https git remote at /APP.git; apps lists it', async () => {
    ok(await heroku(['apps:create', APP], { cwd: repo }), 'apps:create');
    assert.equal((await api(`/apps/${APP}`)).name, APP);
    const remote = (await git(repo, ['remote', 'get-url', 'heroku'])).output.trim();
    assert.equal(remote, `https://${new URL(local.url).host}/${APP}.git`);
    ok(await heroku(['git:remote', '-a', APP, '-r', 'second'], { cwd: repo }), 'git:remote');
    assert.equal((await git(repo, ['remote', 'get-url', 'second'])).output.trim(), remote);
    assert.match(ok(await heroku(['apps']), 'apps'), new RegExp(`^${APP}$`, 'm'));
    assert.match(ok(await heroku(['apps:info', '-a', APP]), 'apps:info'), /Owner:\s+developer@implanta\.local/);
  });

  await t.test('config:set, config, config:get and config:unset change and read the config vars', async () => {
    ok(await heroku(['config:set', `SECRET_KEY=${SECRET_KEY}`, 'ALLOWED_HOSTS=127.0.0.1', 'SCRATCH=1', '-a', APP]), 'config:set');
    assert.equal((await api(`/apps/${APP}/config-vars`)).SECRET_KEY, SECRET_KEY);
    assert.equal(ok(await heroku(['config:get', 'ALLOWED_HOSTS', '-a', APP]), 'config:get').trim(), '127.0.0.1');
    assert.match(ok(await heroku(['config', '-a', APP]), 'config'), /SCRATCH:\s+1/);
    ok(await heroku(['config:unset', 'SCRATCH', '-a', APP]), 'config:unset');
    assert.equal((await api(`/apps/${APP}/config-vars`)).SCRATCH, undefined);
  });

  await t.test('addons:create (plan sent as an object) provisions a real database and prints its provision message', async () => {
    const created = await heroku(['addons:create', 'heroku-postgresql:essential-0', '-a', APP]);
    assert.match(ok(created, 'addons:create'), /Database has been created and is available/);
    const addons = (await api(`/apps/${APP}/addons`)) as { plan: { name: string }; name: string }[];
    assert.deepEqual(addons.map((a) => a.plan.name), ['heroku-postgresql:essential-0']);
    assert.match((await api(`/apps/${APP}/config-vars`)).DATABASE_URL, /^postgres:\/\//);
    const listed = ok(await heroku(['addons', '-a', APP]), 'addons');
    assert.match(listed, new RegExp(`heroku-postgresql \\(${addons[0]!.name}\\)\\s+essential-0`));
    assert.match(ok(await heroku(['addons:info', 'DATABASE', '-a', APP]), 'addons:info'), new RegExp(`=== ${addons[0]!.name}[\\s\\S]*Attachments:\\s+${APP}::DATABASE`));
  });

  await t.test('git push over HTTPS with the CLI credential helper builds, releases and starts web.1', async () => {
    const pushed = await git(repo, ['push', 'heroku', 'main'], heroku.env);
    assert.equal(pushed.code, 0, pushed.output);
    assert.match(pushed.output, /Python app detected/);
    const releases = (await api(`/apps/${APP}/releases`)) as { version: number; current: boolean; slug: { id: string } | null }[];
    const current = releases.find((r) => r.current)!;
    assert.ok(current.slug, 'the current release carries the pushed slug');
    await waitForWeb(local, APP, current.version);
    assert.match(ok(await heroku(['ps', '-a', APP]), 'ps'), /web\.1: up/);
    assert.match(ok(await heroku(['releases:output', '-a', APP]), 'releases:output'), /Operations to perform|No migrations to apply|Applying/);
  });

  await t.test('ps:type and ps:scale (quantity sent as "2" and "-1") change the formation', async () => {
    ok(await heroku(['ps:type', 'web=standard-1x', '-a', APP]), 'ps:type');
    ok(await heroku(['ps:scale', 'web=2', '-a', APP]), 'ps:scale web=2');
    let web = await api(`/apps/${APP}/formation/web`);
    assert.deepEqual([web.quantity, web.size], [2, 'Standard-1X']);
    ok(await heroku(['ps:scale', 'web-1', '-a', APP]), 'ps:scale web-1');
    web = await api(`/apps/${APP}/formation/web`);
    assert.equal(web.quantity, 1);
  });

  await t.test('logs reads the log session as Server-Sent Events', async () => {
    const logs = ok(await heroku(['logs', '-n', '200', '-a', APP]), 'logs');
    assert.match(logs, /heroku\[web\.1\]: State changed from starting to up/);
    assert.match(logs, /app\[release\.1\]:/);
  });

  await t.test('run attaches through the TLS rendezvous: output, standard input, exit status', async () => {
    const check = ok(await heroku(['run', '-a', APP, '--', 'python', 'manage.py', 'check']), 'run');
    assert.match(check, /System check identified no issues/);
    const fed = ok(await heroku(['run', '--no-tty', '-a', APP, '--', 'python'], { input: 'import os\nprint(os.environ["DYNO"], os.environ["ALLOWED_HOSTS"])\n' }), 'run python');
    assert.match(fed, /^run\.\d+ 127\.0\.0\.1$/m);
    const failed = await heroku(['run', '--exit-code', '-a', APP, '--', 'python', '-c', 'import sys; sys.exit(3)']);
    assert.equal(failed.code, 3, failed.stderr);
  });

  await t.test('run:detached starts a one-off dyno the API lists, ps:stop ends it, and its output is in the log', async () => {
    const detached = ok(await heroku(['run:detached', '-a', APP, '--', 'echo detached-$DYNO && sleep 600']), 'run:detached');
    const name = /(run\.\d+)/.exec(detached)?.[1];
    assert.ok(name, detached);
    const dyno = await waitFor(`${name} up`, async () => ((await api(`/apps/${APP}/dynos`)) as { name: string; state: string; type: string }[]).find((d) => d.name === name), (d) => d?.state === 'up');
    assert.equal(dyno!.type, 'run');
    assert.match(ok(await heroku(['ps', '-a', APP]), 'ps'), new RegExp(`${name.replace('.', '\\.')} \\(Basic\\): up`));
    ok(await heroku(['ps:stop', name, '-a', APP]), 'ps:stop');
    await waitFor(`${name} gone`, async () => (await api(`/apps/${APP}/dynos`)) as { name: string }[], (dynos) => !dynos.some((d) => d.name === name));
    const log = ok(await heroku(['logs', '-n', '500', '-d', name, '-a', APP]), 'logs -d');
    assert.match(log, new RegExp(`app\\[${name.replace('.', '\\.')}\\]: detached-${name.replace('.', '\\.')}`));
  });

  await t.test('features, labs and maintenance switch what the API holds', async () => {
    ok(await heroku(['features:enable', 'preboot', '-a', APP]), 'features:enable');
    assert.equal((await api(`/apps/${APP}/features/preboot`)).enabled, true);
    assert.match(ok(await heroku(['features', '-a', APP]), 'features'), /\[\+\] preboot/);
    assert.match(ok(await heroku(['labs', '-a', APP]), 'labs'), /App Features/);
    ok(await heroku(['maintenance:on', '-a', APP]), 'maintenance:on');
    assert.equal((await api(`/apps/${APP}`)).maintenance, true);
    assert.equal(ok(await heroku(['maintenance', '-a', APP]), 'maintenance').trim(), 'on');
    ok(await heroku(['maintenance:off', '-a', APP]), 'maintenance:off');
    assert.equal((await api(`/apps/${APP}`)).maintenance, false);
  });

  await t.test('domains, certs:auto, buildpacks, regions, access and stack:set', async () => {
    ok(await heroku(['domains:add', 'www.example.org', '-a', APP]), 'domains:add');
    assert.ok(((await api(`/apps/${APP}/domains`)) as { hostname: string }[]).some((d) => d.hostname === 'www.example.org'));
    assert.match(ok(await heroku(['domains', '-a', APP]), 'domains'), /www\.example\.org/);
    ok(await heroku(['certs:auto:enable', '-a', APP]), 'certs:auto:enable');
    assert.equal((await api(`/apps/${APP}`)).acm, true);
    assert.match(ok(await heroku(['certs:auto', '-a', APP]), 'certs:auto'), /Automatic Certificate Management is enabled/);
    const buildpack = 'https://github.com/heroku/heroku-buildpack-python';
    ok(await heroku(['buildpacks:set', buildpack, '-a', APP]), 'buildpacks:set');
    assert.deepEqual(((await api(`/apps/${APP}/buildpack-installations`)) as { buildpack: { url: string } }[]).map((b) => b.buildpack.url), [buildpack]);
    assert.match(ok(await heroku(['buildpacks', '-a', APP]), 'buildpacks'), /heroku-buildpack-python/);
    assert.match(ok(await heroku(['regions']), 'regions'), /eu\s+Europe[\s\S]*us\s+United States/);
    assert.match(ok(await heroku(['access', '-a', APP]), 'access'), /developer@implanta\.local\s+owner/);
    ok(await heroku(['stack:set', 'heroku-22', '-a', APP]), 'stack:set');
    assert.equal((await api(`/apps/${APP}`)).build_stack.name, 'heroku-22');
  });

  await t.test('rollback without a version goes to the release before the current one, as Heroku picks it', async () => {
    ok(await heroku(['config:set', 'FLAG=new', '-a', APP]), 'config:set');
    const before = ((await api(`/apps/${APP}/releases`)) as { version: number; current: boolean }[]).find((r) => r.current)!;
    const rolled = await heroku(['rollback', '-a', APP]);
    ok(rolled, 'rollback');
    assert.match(rolled.stderr, new RegExp(`Rolling back ${APP} to v${before.version - 1}`));
    const after = ((await api(`/apps/${APP}/releases`)) as { version: number; current: boolean; description: string }[]).find((r) => r.current)!;
    assert.equal(after.description, `Rollback to v${before.version - 1}`);
    assert.equal((await api(`/apps/${APP}/config-vars`)).FLAG, undefined);
  });

  await t.test('pg:info finds the database through the attachments, then needs the Data API, which is not served', async () => {
    const info = await heroku(['pg:info', '-a', APP]);
    assert.notEqual(info.code, 0);
    assert.doesNotMatch(info.stdout + info.stderr, /has no heroku-postgresql databases/);
    assert.match(info.stderr, /ECONNREFUSED|127\.0\.0\.1:9/);
  });

  await t.test('apps:rename and apps:destroy', async () => {
    ok(await heroku(['apps:rename', `${APP}-renamed`, '-a', APP], { cwd: repo }), 'apps:rename');
    assert.equal((await api(`/apps/${APP}-renamed`)).name, `${APP}-renamed`);
    assert.equal((await local.call('GET', `/apps/${APP}`)).status, 404);
    ok(await heroku(['apps:destroy', `${APP}-renamed`, '--confirm', `${APP}-renamed`]), 'apps:destroy');
    assert.equal((await local.call('GET', `/apps/${APP}-renamed`)).status, 404);
  });
});
