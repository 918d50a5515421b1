import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppLogs } from '../../../src/local/dynos/app-logs.js';
import { LogSessions } from '../../../src/local/dynos/log-sessions.js';

/** A log-session server on a free port, as the runtime serves `/streams/logs/<id>`. */
async function sessionServer(t: { after(fn: () => unknown): void }): Promise<{ logs: AppLogs; sessions: LogSessions; url: string }> {
  const logs = new AppLogs();
  let url = '';
  const sessions = new LogSessions(logs, () => url);
  const server = createServer((req, res) => sessions.serve(req, res, req.url!.split('/').at(-1)!));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  return { logs, sessions, url };
}

test('a log session answers Server-Sent Events to a client that asks for them: one event per line, then the end', async (t) => {
  const { logs, sessions } = await sessionServer(t);
  logs.add('app-1', 'app', 'web.1', 'GET / 200');
  logs.add('app-1', 'heroku', 'router', 'at=info method=GET path="/"');
  const session = sessions.create('app-1', { lines: 10 });
  const response = await fetch(session.logplex_url, { headers: { Accept: 'text/event-stream' } });
  assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
  const events = (await response.text()).split('\n\n').filter(Boolean);
  assert.equal(events.length, 2);
  assert.match(events[0]!, /^id: 1\ndata: \d{4}-\d\d-\d\dT[\d:.]+\+00:00 app\[web\.1\]: GET \/ 200$/);
  assert.match(events[1]!, /^id: 2\ndata: .* heroku\[router\]: at=info method=GET path="\/"$/);
});

test('without Accept: text/event-stream the session answers text/plain, one line each, as curl and implanta read it', async (t) => {
  const { logs, sessions } = await sessionServer(t);
  logs.add('app-1', 'app', 'web.1', 'first');
  logs.add('app-1', 'app', 'worker.1', 'second');
  for (const accept of [undefined, 'text/plain', '*/*']) {
    const session = sessions.create('app-1', { lines: 10, dyno_name: 'worker' });
    const response = await fetch(session.logplex_url, { headers: accept ? { Accept: accept } : {} });
    assert.equal(response.headers.get('content-type'), 'text/plain; charset=utf-8', String(accept));
    assert.match(await response.text(), /^\S+ app\[worker\.1\]: second\n$/, String(accept));
  }
});

test('a tailing SSE session keeps the stream open and sends each new line as an event; a session answers once', async (t) => {
  const { logs, sessions } = await sessionServer(t);
  const session = sessions.create('app-1', { tail: true, lines: 0 });
  const response = await fetch(session.logplex_url, { headers: { Accept: 'text/event-stream' } });
  const reader = response.body!.getReader();
  logs.add('app-1', 'app', 'run.1', 'multi\r\nline');
  let text = '';
  while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
  assert.match(text, /^id: 1\ndata: \S+ app\[run\.1\]: multi line\n\n$/);
  await reader.cancel();
  const again = await fetch(session.logplex_url, { headers: { Accept: 'text/event-stream' } });
  assert.equal(again.status, 404);
});
