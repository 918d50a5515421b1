import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatVersionsTable } from '../../src/versions/format-table.js';
import type { Advisory } from '../../src/versions/versions-facts.js';
import { djangoFacts, facts, pkg, pythonFacts, requirement } from './helpers/facts.js';

const ghsa: Advisory = { id: 'GHSA-aaaa-bbbb-cccc', aliases: ['CVE-2024-0001'], fixed: ['4.2.8'], fixedAbovePin: '4.2.8', url: 'https://x' };

test('one screen: a row per dependency with pin, latest, series and vulnerabilities, then support lines', () => {
  const text = formatVersionsTable(
    facts({
      packages: [
        pkg(requirement('Django', '==4.2.7'), { latest: '5.2.8', latestInSeries: '4.2.26', vulnerabilities: [ghsa], safeUpgrade: '4.2.8' }),
        pkg(requirement('requests', '>=2.0,<3'), { latest: '2.32.3', latestInSeries: '2.32.3', resolves: '2.32.3' }),
        pkg(requirement('gunicorn'), { index: { skipped: 'PyPI answered http://x/pypi/gunicorn/json with HTTP 500' } }),
        pkg(requirement('whitenoise', '==6.8.2'), { latest: '6.8.2', latestInSeries: '6.8.2', vulnerabilities: [] }),
        pkg(requirement('mylib', '', { url: 'git+https://example.test/mylib.git@v1' }), { notOnIndex: true, index: 'not-asked' }),
      ],
      django: djangoFacts('4.2'),
      python: pythonFacts('3.12.4'),
      stack: { name: 'heroku-22', info: { name: 'heroku-22', base: 'Ubuntu 22.04', available_since: '2022', end_of_life: '2027-04-30', status: 'deprecated' }, defaultStack: 'heroku-24', asOf: '2026-11-01' },
    }),
  );
  const lines = text.split('\n');
  const cells = (name: string) => lines.find((l) => l.startsWith(`${name} `))!.split(/\s{2,}/);
  assert.deepEqual(lines[0]!.split(/\s{2,}/), ['package', 'specifier', 'pinned', 'latest', 'latest-in-series', 'vulnerabilities']);
  assert.deepEqual(cells('Django'), ['Django', '==4.2.7', '4.2.7', '5.2.8', '4.2.26', '1: CVE-2024-0001 → 4.2.8']);
  assert.deepEqual(cells('requests'), ['requests', '>=2.0,<3', 'range → 2.32.3', '2.32.3', '2.32.3', '-']);
  assert.deepEqual(cells('gunicorn'), ['gunicorn', '(none)', 'unpinned', '?', '?', '-']);
  assert.deepEqual(cells('whitenoise'), ['whitenoise', '==6.8.2', '6.8.2', '6.8.2', '6.8.2', 'none']);
  assert.deepEqual(cells('mylib'), ['mylib', 'git+https://example.test/mylib.git@v1', 'direct URL', '-', '-', '-']);
  assert.ok(lines.includes('Django  4.2 LTS: security support ended 2026-04-30 (211 days ago)'), text);
  assert.ok(lines.includes('Python  3.12.4 (.python-version): end of life 2028-10-31 (704 days left); Heroku builds it; Django 4.2 supports it'), text);
  assert.ok(lines.includes('Stack   heroku-22: deprecated, end of life 2027-04-30 (154 days left)'), text);
  assert.ok(lines.includes('Skipped: gunicorn: PyPI answered http://x/pypi/gunicorn/json with HTTP 500'), text);
});

test('missing sources and facts are said, not left blank', () => {
  const text = formatVersionsTable(
    facts({
      packages: [pkg(requirement('Django', '==5.2.8'), { index: { skipped: 'PyPI not reachable at http://x: ECONNREFUSED' } })],
      pypi: { source: 'http://x', skipped: 'PyPI not reachable at http://x: ECONNREFUSED' },
      osv: { source: 'http://y', skipped: 'OSV not reachable at http://y/v1/querybatch: ECONNREFUSED' },
    }),
  );
  assert.match(text, /^Django\s+==5\.2\.8\s+5\.2\.8\s+\?\s+\?\s+\?$/m);
  assert.match(text, /^Django {2}not found in the dependencies$/m);
  assert.match(text, /^Python {2}not declared/m);
  assert.doesNotMatch(text, /^Stack/m);
  assert.match(text, /^Skipped: PyPI not reachable at http:\/\/x: ECONNREFUSED$/m);
  assert.match(text, /^Skipped: OSV not reachable at http:\/\/y\/v1\/querybatch: ECONNREFUSED$/m);
  // One reason per unreachable source, not one per package.
  assert.equal(text.match(/^Skipped:/gm)!.length, 2);
});
