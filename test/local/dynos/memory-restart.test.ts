import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appLog, appRepo, push, startRunningPlatform, waitFor, waitForWeb } from '../../helpers/local-runtime.js';

/**
 * A WSGI app under gunicorn that holds on to memory when asked: `/grow?mb=N` keeps N more MB (every
 * page touched, so it is resident), and every answer says which worker process answered and what it holds.
 */
const APP = `import os
held = []

def application(environ, start_response):
    if environ['PATH_INFO'] == '/grow':
        block = bytearray(int(environ['QUERY_STRING'].split('=')[1]) * 1024 * 1024)
        block[::4096] = b'x' * len(block[::4096])
        held.append(block)
    body = f'{os.getpid()} {sum(len(b) for b in held) // 1048576}'.encode()
    start_response('200 OK', [('Content-Type', 'text/plain'), ('Content-Length', str(len(body)))])
    return [body]
`;

/** Each dyno size taken to have 64 MB: R14 above it, R15 at twice it (the Common Runtime's hard limit). */
const QUOTA_MB = 64;

test('a gunicorn dyno past its memory quota logs R14; past the hard limit R15, is killed and restarted, and answers again', async (t) => {
  const local = await startRunningPlatform(t, { memoryCheckMs: 250, memoryQuotaMb: QUOTA_MB });
  const app = (await local.call('POST', '/apps', { name: 'grows' })).body as { id: string; web_url: string; git_url: string };
  const repo = await appRepo(t, { Procfile: 'web: gunicorn --workers 1 --bind 127.0.0.1:$PORT app:application\n', 'requirements.txt': 'gunicorn\n', 'app.py': APP });
  const pushed = await push(repo, app.git_url, 'HEAD:main');
  assert.equal(pushed.code, 0, pushed.output);
  const releases = (await local.call('GET', '/apps/grows/releases')).body as { version: number }[];
  const version = Math.max(...releases.map((r) => r.version));
  await waitForWeb(local, 'grows', version);
  const dyno = () => local.runtime!.dynos.list(app.id).find((d) => d.name === 'web.1')!;
  const firstPid = dyno().process!.pid;
  const answer = async (path: string) => (await fetch(new URL(path, app.web_url))).text();
  const [worker, held] = (await answer('/')).split(' ');
  assert.equal(held, '0');

  // Above the quota, under twice it (gunicorn itself holds ~30 MB): R14, and the dyno stays up.
  await answer('/grow?mb=50');
  let log = await waitFor('an R14', () => appLog(local, 'grows'), (text) => text.includes('Error R14'));
  assert.match(log, /heroku\[web\.1\]: Process running mem=\d+M\(1\d\d\.\d%\)\n\S+ heroku\[web\.1\]: Error R14 \(Memory quota exceeded\)\n/);
  assert.doesNotMatch(log, /R15/);
  assert.equal(dyno().process!.pid, firstPid, 'R14 does not restart the dyno');

  // Past twice the quota: R15, SIGKILL, a crash, and the dyno manager starts it again at once.
  await answer('/grow?mb=80');
  log = await waitFor('the restarted dyno up', () => appLog(local, 'grows'), (text) => /Error R15[^]*State changed from crashed to starting[^]*State changed from starting to up/.test(text));
  const dynoLines = log.split('\n').map((line) => line.replace(/^\S+ /, '')).filter((line) => line.startsWith('heroku[web.1]:'));
  const r15 = dynoLines.indexOf('heroku[web.1]: Error R15 (Memory quota vastly exceeded)');
  assert.match(dynoLines[r15 - 1]!, /^heroku\[web\.1\]: Process running mem=\d+M\((2\d\d|\d{4})\.\d%\)$/, 'the memory line precedes R15, at or past 200%');
  assert.deepEqual(dynoLines.slice(r15, r15 + 7), [
    'heroku[web.1]: Error R15 (Memory quota vastly exceeded)',
    'heroku[web.1]: Stopping process with SIGKILL',
    'heroku[web.1]: Process exited with status 137',
    'heroku[web.1]: State changed from up to crashed',
    'heroku[web.1]: State changed from crashed to starting',
    'heroku[web.1]: Starting process with command `gunicorn --workers 1 --bind 127.0.0.1:$PORT app:application`',
    'heroku[web.1]: State changed from starting to up',
  ]);

  // A new process, holding nothing, answers.
  await waitForWeb(local, 'grows', version);
  assert.notEqual(dyno().process!.pid, firstPid);
  const [newWorker, newHeld] = (await answer('/')).split(' ');
  assert.notEqual(newWorker, worker);
  assert.equal(newHeld, '0');
});
