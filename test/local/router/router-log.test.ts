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
