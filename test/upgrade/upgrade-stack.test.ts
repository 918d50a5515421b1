import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stackData } from '../../src/heroku/platform-data.js';
import { startTestPlatform } from '../helpers/local-api.js';
import { sendJson, startServer } from '../versions/helpers/fake-indexes.js';
import { implanta } from './helpers/cli.js';

const TOKEN = { HEROKU_API_KEY: 'test-token' };
const DEFAULT = stackData().default_stack;

async function platformWithApp(t: { after(fn: () => unknown): void }, stack: string) {
  const local = await startTestPlatform(t);
  const created = await local.call('POST', '/apps', { name: 'hollow', stack });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return local;
}

const upgradeStack = (url: string, ...args: string[]) => implanta(['upgrade', 'stack', '-a', 'hollow', '--api-url', url, ...args], TOKEN);

test('the build stack moves to the default stack; the running release stays until the next deploy', async (t) => {
  const local = await platformWithApp(t, 'heroku-22');
  const run = await upgradeStack(local.url);
  assert.equal(run.code, 0, run.stderr);
  const app = (await local.call('GET', '/apps/hollow')).body;
  assert.equal(app.build_stack.name, DEFAULT);
  assert.equal(app.stack.name, 'heroku-22', 'Heroku moves the running release only with a new build');
  assert.match(run.stdout, new RegExp(`hollow builds on ${DEFAULT} from its next build; the running release stays on heroku-22`));
});

test('an explicit stack already set is nothing to do, and says the deploy is still pending', async (t) => {
  const local = await platformWithApp(t, 'heroku-22');
  assert.equal((await local.call('PATCH', '/apps/hollow', { build_stack: 'heroku-24' })).status, 200);
  const run = await upgradeStack(local.url, '--to', 'heroku-24');
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /hollow already builds on heroku-24; the running release is still on heroku-22 until the next deploy/);
});

const refused: { to: string; says: RegExp }[] = [
  { to: 'heroku-20', says: /--to heroku-20 is end-of-life: pick one of heroku-24/ },
  { to: 'heroku-99', says: /--to heroku-99 is not a stack implanta knows/ },
  { to: 'container', says: /--to container is for Docker image deploys/ },
];

for (const { to, says } of refused) {
  test(`--to ${to} is refused and the app is left as it was`, async (t) => {
    const local = await platformWithApp(t, 'heroku-22');
    const run = await upgradeStack(local.url, '--to', to);
    assert.equal(run.code, 2);
    assert.match(run.stderr, says);
    assert.equal((await local.call('GET', '/apps/hollow')).body.build_stack.name, 'heroku-22');
  });
}

test('--dry-run names the API call and makes none that changes anything', async (t) => {
  const local = await platformWithApp(t, 'heroku-22');
  const run = await upgradeStack(local.url, '--dry-run');
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, new RegExp(`PATCH /apps/hollow \\{"build_stack": "${DEFAULT}"\\}`));
  assert.equal((await local.call('GET', '/apps/hollow')).body.build_stack.name, 'heroku-22');
});

test('without -a the stack cannot be known: exit 2', async () => {
  const run = await implanta(['upgrade', 'stack'], TOKEN);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /upgrade stack needs the app: -a APP/);
});

test('a Fir app has no stack to set; a refused token is a platform error (exit 3)', async (t) => {
  const fake = await startServer((req, res) => {
    if (req.headers.authorization !== 'Bearer test-token') return sendJson(res, 401, { id: 'unauthorized', message: 'Invalid credentials provided.' });
    sendJson(res, 200, { name: 'hollow', stack: null, build_stack: null, generation: { name: 'fir' } });
  });
  t.after(() => fake.close());
  const fir = await upgradeStack(fake.url);
  assert.equal(fir.code, 2);
  assert.match(fir.stderr, /hollow is a Fir app/);
  assert.ok(fake.requests.every((r) => r.method === 'GET'));
  const denied = await implanta(['upgrade', 'stack', '-a', 'hollow', '--api-url', fake.url], { HEROKU_API_KEY: 'wrong' });
  assert.equal(denied.code, 3);
  assert.doesNotMatch(denied.stderr, /wrong/);
});
