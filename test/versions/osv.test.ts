import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OsvClient, pinKey } from '../../src/versions/osv.js';
import { ServiceError } from '../../src/versions/http.js';
import { toAdvisory } from '../../src/versions/advisories.js';
import { fakeOsv, sendJson, startServer } from './helpers/fake-indexes.js';
import { advisory } from './helpers/advisories.js';

const sqlInjection = advisory('GHSA-aaaa-bbbb-cccc', 'Django', [{ introduced: '4.2' }, { fixed: '4.2.8' }, { introduced: '5.0' }, { fixed: '5.0.1' }], {
  aliases: ['CVE-2024-0001'],
  database_specific: { severity: 'HIGH' },
});
const dos = advisory('PYSEC-2024-1', 'django', [{ introduced: '0' }, { fixed: '4.2.10' }]);

test('querybatch then vuln details: the advisories affecting each pin, with their fixed versions', async (t) => {
  const server = await fakeOsv({
    affected: { 'django==4.2.7': ['GHSA-aaaa-bbbb-cccc', 'PYSEC-2024-1'], 'requests==2.32.3': [] },
    records: [sqlInjection, dos],
  });
  t.after(() => server.close());
  const pins = [{ name: 'django', version: '4.2.7' }, { name: 'requests', version: '2.32.3' }];
  const found = await new OsvClient({ baseUrl: server.url }).vulnerabilities(pins);
  assert.deepEqual(found.get(pinKey(pins[1]!)), []);
  const advisories = found.get(pinKey(pins[0]!))!.map((v) => toAdvisory(v, 'django', '4.2.7'));
  assert.deepEqual(advisories[0], {
    id: 'GHSA-aaaa-bbbb-cccc',
    aliases: ['CVE-2024-0001'],
    summary: 'GHSA-aaaa-bbbb-cccc in Django',
    severity: 'HIGH',
    fixed: ['4.2.8', '5.0.1'],
    fixedAbovePin: '4.2.8',
    url: 'https://example.test/GHSA-aaaa-bbbb-cccc',
  });
  assert.equal(advisories[1]!.fixedAbovePin, '4.2.10');
  const batch = server.requests.find((r) => r.path === '/v1/querybatch')!;
  assert.deepEqual(batch.body, {
    queries: [
      { package: { name: 'django', ecosystem: 'PyPI' }, version: '4.2.7' },
      { package: { name: 'requests', ecosystem: 'PyPI' }, version: '2.32.3' },
    ],
  });
});

test('a result with next_page_token is asked again with page_token until it is exhausted', async (t) => {
  const server = await fakeOsv({
    affected: { 'django==4.2.7': ['GHSA-aaaa-bbbb-cccc', 'PYSEC-2024-1'], 'requests==2.0.0': [] },
    records: [sqlInjection, dos],
    pageSize: 1,
  });
  t.after(() => server.close());
  const pins = [{ name: 'requests', version: '2.0.0' }, { name: 'django', version: '4.2.7' }];
  const found = await new OsvClient({ baseUrl: server.url }).vulnerabilities(pins);
  assert.deepEqual(found.get('django==4.2.7')!.map((v) => v.id), ['GHSA-aaaa-bbbb-cccc', 'PYSEC-2024-1']);
  const batches = server.requests.filter((r) => r.path === '/v1/querybatch').map((r) => r.body);
  assert.deepEqual(batches[1], { queries: [{ package: { name: 'django', ecosystem: 'PyPI' }, version: '4.2.7', page_token: '1' }] });
});

test('nothing pinned means no request at all', async (t) => {
  const server = await fakeOsv({ affected: {}, records: [] });
  t.after(() => server.close());
  assert.equal((await new OsvClient({ baseUrl: server.url }).vulnerabilities([])).size, 0);
  assert.equal(server.requests.length, 0);
});

test('OSV failures are ServiceErrors naming the URL, never a partial "no vulnerabilities"', async (t) => {
  const closed = await fakeOsv({ affected: {}, records: [] });
  await closed.close();
  const garbage = await startServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"results": [');
  });
  const short = await startServer((_req, res) => sendJson(res, 200, { results: [] }));
  const missingRecord = await fakeOsv({ affected: { 'django==4.2.7': ['GHSA-gone'] }, records: [] });
  t.after(() => Promise.all([garbage.close(), short.close(), missingRecord.close()]));
  const cases: [string, RegExp][] = [
    [closed.url, /^OSV not reachable at http:\/\/127\.0\.0\.1:\d+\/v1\/querybatch: ECONNREFUSED$/],
    [garbage.url, /^OSV answered http:\/\/127\.0\.0\.1:\d+\/v1\/querybatch with invalid JSON$/],
    [short.url, /no "results" list matching the 1 queries$/],
    [missingRecord.url, /^OSV answered http:\/\/127\.0\.0\.1:\d+\/v1\/vulns\/GHSA-gone with HTTP 404$/],
  ];
  for (const [url, message] of cases) {
    await assert.rejects(new OsvClient({ baseUrl: url }).vulnerabilities([{ name: 'django', version: '4.2.7' }]), (error: Error) => {
      assert.ok(error instanceof ServiceError);
      assert.match(error.message, message);
      return true;
    });
  }
});
