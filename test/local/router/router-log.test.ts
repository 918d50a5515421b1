import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routerLogLine, type RouterLogEntry } from '../../../src/local/router/router-log.js';

const base: RouterLogEntry = { method: 'GET', path: '/health', host: 'hollow.localhost', requestId: 'req-1', fwd: '127.0.0.1', status: 200, protocol: 'https' };

const cases: [string, RouterLogEntry, string][] = [
  [
    'an answered request',
    { ...base, dyno: 'web.1', connectMs: 0.4, serviceMs: 12.2, bytes: 16 },
    'at=info method=GET path="/health" host=hollow.localhost request_id=req-1 fwd="127.0.0.1" dyno=web.1 connect=0ms service=12ms status=200 bytes=16 protocol=https',
  ],
  [
    'a crashed app',
    { ...base, code: 'H10', desc: 'App crashed', status: 503 },
    'at=error code=H10 desc="App crashed" method=GET path="/health" host=hollow.localhost request_id=req-1 fwd="127.0.0.1" dyno= connect= service= status=503 bytes= protocol=https',
  ],
  [
    'maintenance mode, logged at info',
    { ...base, code: 'H80', desc: 'Maintenance mode', status: 503, protocol: 'http' },
    'at=info code=H80 desc="Maintenance mode" method=GET path="/health" host=hollow.localhost request_id=req-1 fwd="127.0.0.1" dyno= connect= service= status=503 bytes= protocol=http',
  ],
  [
    'a path with a quote',
    { ...base, path: '/a"b', dyno: 'web.2', connectMs: 1, serviceMs: 30001, bytes: 0, code: 'H12', desc: 'Request timeout', status: 503 },
    'at=error code=H12 desc="Request timeout" method=GET path="/a%22b" host=hollow.localhost request_id=req-1 fwd="127.0.0.1" dyno=web.2 connect=1ms service=30001ms status=503 bytes=0 protocol=https',
  ],
];

for (const [what, entry, line] of cases) {
  test(`router log line for ${what}`, () => {
    assert.equal(routerLogLine(entry), line);
  });
}

test('router log lines for the codes Heroku logs with a socket side or another level', () => {
  const answered = { ...base, dyno: 'web.1', connectMs: 1, serviceMs: 20, status: 503 };
  assert.equal(
    routerLogLine({ ...answered, code: 'H18', desc: 'Server Request Interrupted', bytes: 512 }),
    'sock=backend at=error code=H18 desc="Server Request Interrupted" method=GET path="/health" host=hollow.localhost request_id=req-1 fwd="127.0.0.1" dyno=web.1 connect=1ms service=20ms status=503 bytes=512 protocol=https',
  );
  assert.equal(
    routerLogLine({ ...answered, code: 'H27', desc: 'Client Request Interrupted', status: 499, bytes: 0 }),
    'sock=client at=warning code=H27 desc="Client Request Interrupted" method=GET path="/health" host=hollow.localhost request_id=req-1 fwd="127.0.0.1" dyno=web.1 connect=1ms service=20ms status=499 bytes=0 protocol=https',
  );
  for (const [code, desc] of [['H13', 'Connection closed without response'], ['H14', 'No web processes running'], ['H20', 'App boot timeout'], ['H99', 'Platform error']]) {
    assert.match(routerLogLine({ ...base, code, desc, status: 503 }), new RegExp(`^at=error code=${code} desc="${desc}" `));
  }
});
