import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appLog, appRepo, push, startRunningPlatform, waitFor, waitForWeb, type RunningPlatform } from '../../helpers/local-runtime.js';

/**
 * A web process that misbehaves on request: `/slow` and `/hang` take 4 s, `/close` closes the connection
 * without a word, `/midway` promises 1,000 bytes and sends 10. CRASH in its environment makes it exit at
 * once; BOOT_DELAY makes it wait that many seconds before binding $PORT.
 */
const WEB = `import os, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

if os.environ.get('CRASH'):
    sys.exit(1)
time.sleep(float(os.environ.get('BOOT_DELAY', '0')))

class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path in ('/slow', '/hang'):
            time.sleep(4)
        if self.path == '/close':
            return
        if self.path == '/midway':
            self.send_response(200)
            self.send_header('Content-Length', '1000')
            self.end_headers()
            self.wfile.write(b'x' * 10)
            self.wfile.flush()
            return
        self.send_response(200)
        self.send_header('Content-Length', '2')
        self.end_headers()
        self.wfile.write(b'ok')

ThreadingHTTPServer(('127.0.0.1', int(os.environ['PORT'])), Handler).serve_forever()
`;

const NAME = 'codes';
const TAIL = String.raw`host=\S+ request_id=[\w-]+ fwd="127\.0\.0\.1"`;
/** The fields the router could not know when no dyno answered, left empty as Heroku leaves them. */
const NO_DYNO = String.raw`dyno= connect= service= status=503 bytes= protocol=https`;

/** The router line (without timestamp and `heroku[router]: `) of the first request to `path` logged with `code`. */
async function routerLine(local: RunningPlatform, code: string, path: string): Promise<string> {
  const pick = (log: string) => log.split('\n').map((line) => line.replace(/^\S+ heroku\[router\]: /, '')).find((line) => line.includes(`code=${code} `) && line.includes(`path="${path}"`));
  const log = await waitFor(`the ${code} line`, () => appLog(local, NAME), (text) => pick(text) !== undefined, 20_000);
  return pick(log)!;
}

test('the local router logs every code it can produce as Heroku logs it: H10 H12 H13 H14 H18 H20 H27 H80 H99', async (t) => {
  const local = await startRunningPlatform(t, { routerTimeoutMs: 1_500, routerBootWaitMs: 1_500, crashRestartDelayMs: 60_000 });
  const app = (await local.call('POST', '/apps', { name: NAME })).body as { id: string; web_url: string; git_url: string };
  const pushed = await push(await appRepo(t, { Procfile: 'web: python web.py\n', 'requirements.txt': '', 'web.py': WEB }), app.git_url, 'HEAD:main');
  assert.equal(pushed.code, 0, pushed.output);
  const version = async () => Math.max(...((await local.call('GET', `/apps/${NAME}/releases`)).body as { version: number }[]).map((r) => r.version));
  await waitForWeb(local, NAME, await version());
  const get = (path: string, signal?: AbortSignal) => fetch(new URL(path, app.web_url), { ...(signal && { signal }) });
  const status = async (path: string) => {
    const answer = await get(path);
    await answer.arrayBuffer().catch(() => undefined);
    return answer.status;
  };

  await t.test('an answered request: at=info and no code', async () => {
    assert.equal(await status('/'), 200);
    const log = await waitFor('the request line', () => appLog(local, NAME), (text) => text.includes('path="/" '));
    assert.match(log, new RegExp(String.raw`heroku\[router\]: at=info method=GET path="/" ${TAIL} dyno=web\.1 connect=\d+ms service=\d+ms status=200 bytes=2 protocol=https\n`));
  });

  await t.test('H12: the dyno does not start answering within the timeout', async () => {
    assert.equal(await status('/slow'), 503);
    const line = await routerLine(local, 'H12', '/slow');
    assert.match(line, new RegExp(String.raw`^at=error code=H12 desc="Request timeout" method=GET path="/slow" ${TAIL} dyno=web\.1 connect=\d+ms service=\d+ms status=503 bytes=0 protocol=https$`));
    const [connect, service] = [/connect=(\d+)ms/, /service=(\d+)ms/].map((field) => Number(field.exec(line)![1]));
    assert.ok(connect! + service! >= 1_450, `the router waited its timeout (1.5 s): ${line}`);
  });

  await t.test('H13: the dyno closes the connection without answering', async () => {
    assert.equal(await status('/close'), 503);
    assert.match(await routerLine(local, 'H13', '/close'), new RegExp(String.raw`^at=error code=H13 desc="Connection closed without response" method=GET path="/close" ${TAIL} dyno=web\.1 connect=\d+ms service=\d+ms status=503 bytes=0 protocol=https$`));
  });

  await t.test('H18: the dyno closes the connection in the middle of its answer', async () => {
    const answer = await get('/midway');
    await answer.arrayBuffer().then(
      () => assert.fail('a cut answer must not read as whole'),
      () => undefined,
    );
    assert.match(await routerLine(local, 'H18', '/midway'), new RegExp(String.raw`^sock=backend at=error code=H18 desc="Server Request Interrupted" method=GET path="/midway" ${TAIL} dyno=web\.1 connect=\d+ms service=\d+ms status=503 bytes=10 protocol=https$`));
  });

  await t.test('H27: the client goes away before the answer, logged at=warning with status 499', async () => {
    await assert.rejects(get('/hang', AbortSignal.timeout(300)));
    assert.match(await routerLine(local, 'H27', '/hang'), new RegExp(String.raw`^sock=client at=warning code=H27 desc="Client Request Interrupted" method=GET path="/hang" ${TAIL} dyno=web\.1 connect=\d+ms service=\d+ms status=499 bytes=0 protocol=https$`));
  });

  await t.test('H99: something failing inside the router itself is a platform error, answered 503', async () => {
    // The one code no request can provoke from outside: the dyno table fails once, as a platform fault would.
    const dynos = local.runtime!.dynos;
    const routable = dynos.routable;
    dynos.routable = () => {
      dynos.routable = routable;
      throw new Error('the dyno table could not be read');
    };
    t.after(() => (dynos.routable = routable));
    assert.equal(await status('/platform'), 503);
    assert.match(await routerLine(local, 'H99', '/platform'), new RegExp(String.raw`^at=error code=H99 desc="Platform error" method=GET path="/platform" ${TAIL} ${NO_DYNO}$`));
  });

  await t.test('H80: maintenance mode, logged at=info', async () => {
    await local.call('PATCH', `/apps/${NAME}`, { maintenance: true });
    assert.equal(await status('/maintained'), 503);
    await local.call('PATCH', `/apps/${NAME}`, { maintenance: false });
    assert.match(await routerLine(local, 'H80', '/maintained'), new RegExp(String.raw`^at=info code=H80 desc="Maintenance mode" method=GET path="/maintained" ${TAIL} ${NO_DYNO}$`));
  });

  await t.test('H14: no web dyno running', async () => {
    await local.call('PATCH', `/apps/${NAME}/formation/web`, { quantity: 0 });
    await waitFor('web.1 gone', async () => local.runtime!.dynos.list(app.id).length, (n) => n === 0);
    assert.equal(await status('/scaled-down'), 503);
    assert.match(await routerLine(local, 'H14', '/scaled-down'), new RegExp(String.raw`^at=error code=H14 desc="No web processes running" method=GET path="/scaled-down" ${TAIL} ${NO_DYNO}$`));
    await local.call('PATCH', `/apps/${NAME}/formation/web`, { quantity: 1 });
    await waitForWeb(local, NAME, await version());
  });

  await t.test('H20: the web dyno does not come up while the router holds the request', async () => {
    await local.call('PATCH', `/apps/${NAME}/config-vars`, { BOOT_DELAY: '10' });
    await waitFor('web.1 booting', async () => local.runtime!.dynos.list(app.id).map((d) => d.state), (states) => states.includes('starting'));
    assert.equal(await status('/booting'), 503);
    assert.match(await routerLine(local, 'H20', '/booting'), new RegExp(String.raw`^at=error code=H20 desc="App boot timeout" method=GET path="/booting" ${TAIL} ${NO_DYNO}$`));
  });

  await t.test('H10: the web dyno crashed', async () => {
    await local.call('PATCH', `/apps/${NAME}/config-vars`, { BOOT_DELAY: null, CRASH: '1' });
    await waitFor('web.1 crashed', async () => local.runtime!.dynos.list(app.id).map((d) => d.state), (states) => states.length === 1 && states[0] === 'crashed' && local.runtime!.dynos.webTrouble(app.id) === 'crashed');
    assert.equal(await status('/crashed'), 503);
    assert.match(await routerLine(local, 'H10', '/crashed'), new RegExp(String.raw`^at=error code=H10 desc="App crashed" method=GET path="/crashed" ${TAIL} ${NO_DYNO}$`));
  });
});
