import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runRules } from '../../src/core/engine.js';
import { InputError } from '../../src/core/errors.js';
import { gatherVersionsFacts } from '../../src/versions/gather.js';
import { djangoSeries, pythonSeries } from '../../src/versions/lifecycle.js';
import { versionsRules } from '../../src/versions/rules/index.js';
import { formatVersionsTable } from '../../src/versions/format-table.js';
import { fakeOsv, fakePypi, type FakeProject } from './helpers/fake-indexes.js';
import { advisory } from './helpers/advisories.js';
import { writeZip } from './helpers/zip-writer.js';

const project = fileURLToPath(new URL('../fixtures/versions/pinned-project', import.meta.url));
const today = new Date('2026-11-27T12:00:00Z');
const ok = [{}];
const releases = (...versions: string[]): FakeProject => Object.fromEntries(versions.map((v) => [v, ok]));
const index = {
  django: releases('4.2.7', '4.2.8', '4.2.10', '5.2.8', '6.0rc1'),
  requests: releases('2.28.0', '2.32.3', '3.0.0a1'),
  gunicorn: releases('22.0.0', '23.0.0'),
  whitenoise: releases('6.8.2'),
  psycopg: releases('3.1.0', '3.2.3'),
};
const records = [
  advisory('GHSA-1', 'Django', [{ introduced: '4.2' }, { fixed: '4.2.8' }], { aliases: ['CVE-2024-0001'] }),
  advisory('PYSEC-2', 'django', [{ introduced: '4.0' }, { fixed: '4.2.10' }]),
];

const cacheDir = () => mkdtempSync(join(tmpdir(), 'implanta-versions-'));

test('online: pins, latest releases, series, advisories and the smallest safe upgrade for each dependency', async (t) => {
  const pypi = await fakePypi(index);
  const osv = await fakeOsv({ affected: { 'django==4.2.7': ['GHSA-1', 'PYSEC-2'] }, records });
  t.after(() => Promise.all([pypi.close(), osv.close()]));
  const facts = await gatherVersionsFacts({ root: project, pypiUrl: pypi.url, osvUrl: osv.url, cacheDir: cacheDir(), today, app: { stack: 'heroku-22' } });

  const byName = new Map(facts.packages.map((p) => [p.requirement.name, p]));
  const django = byName.get('django')!;
  assert.deepEqual([django.pinned, django.latest, django.latestInSeries, django.safeUpgrade], ['4.2.7', '5.2.8', '4.2.10', '4.2.10']);
  assert.deepEqual(django.vulnerabilities!.map((a) => [a.id, a.fixedAbovePin]), [['GHSA-1', '4.2.8'], ['PYSEC-2', '4.2.10']]);
  assert.deepEqual([byName.get('requests')!.resolves, byName.get('requests')!.latest], ['2.32.3', '2.32.3']);
  assert.deepEqual(byName.get('psycopg')!.pinnedBy, { file: 'constraints.txt', line: 2 });
  assert.deepEqual(byName.get('psycopg')!.vulnerabilities, []);
  assert.equal(byName.get('mylib')!.notOnIndex, true);
  assert.ok(!pypi.requests.some((r) => r.path.includes('mylib')), 'a direct URL is not looked up on the index');
  const queried = (osv.requests[0]!.body as { queries: { package: { name: string }; version: string }[] }).queries.map((q) => `${q.package.name}==${q.version}`);
  assert.deepEqual(queried.sort(), ['django==4.2.7', 'psycopg==3.1.0', 'whitenoise==6.8.2']);
  assert.deepEqual(facts.django?.series, djangoSeries(4, 2));
  assert.deepEqual(facts.python?.series, pythonSeries('3.9'));
  assert.equal(facts.stack?.info?.name, 'heroku-22');

  const { findings, skipped } = runRules(versionsRules, facts);
  const summary = findings.map((f) => `${f.rule} ${f.severity} ${f.file ?? ''}:${f.line ?? ''}`);
  for (const expected of [
    'versions.unpinned error requirements.txt:3',
    'versions.unpinned warning requirements.txt:2',
    'versions.vulnerable error requirements.txt:1',
    'versions.outdated warning requirements.txt:1',
    'versions.outdated info constraints.txt:2',
    'versions.django-eol error requirements.txt:1',
    'versions.python-eol error .python-version:1',
  ]) assert.ok(summary.includes(expected), `${expected} in ${summary.join(', ')}`);
  assert.deepEqual(skipped, []);
  assert.match(formatVersionsTable(facts), /^Django\s+==4\.2\.7\s+4\.2\.7\s+5\.2\.8\s+4\.2\.10\s+2: CVE-2024-0001 PYSEC-2 → 4\.2\.10$/m);
});

test('unreachable PyPI and OSV leave their facts missing: rules that need them skip, naming the URL', async () => {
  const pypi = await fakePypi({});
  const osv = await fakeOsv({ affected: {}, records: [] });
  await Promise.all([pypi.close(), osv.close()]);
  const facts = await gatherVersionsFacts({ root: project, pypiUrl: pypi.url, osvUrl: osv.url, cacheDir: cacheDir(), today });
  const { findings, skipped } = runRules(versionsRules, facts);
  const reasons = new Map(skipped.map((s) => [s.rule, s.reason]));
  assert.match(reasons.get('versions.outdated')!, new RegExp(`^PyPI not reachable at ${pypi.url}/pypi/[a-z]+/json: ECONNREFUSED$`));
  assert.match(reasons.get('versions.vulnerable')!, new RegExp(`^OSV not reachable at ${osv.url}/v1/querybatch: ECONNREFUSED$`));
  assert.ok(findings.some((f) => f.rule === 'versions.unpinned'), 'rules that need no network still report');
  assert.ok(findings.some((f) => f.rule === 'versions.django-eol'));
});

test('offline: PyPI from the cache of an earlier run, vulnerabilities from an OSV dump, no request at all', async (t) => {
  const pypi = await fakePypi(index);
  t.after(() => pypi.close());
  const cache = cacheDir();
  const osv = await fakeOsv({ affected: {}, records: [] });
  await gatherVersionsFacts({ root: project, pypiUrl: pypi.url, osvUrl: osv.url, cacheDir: cache, today });
  await osv.close();
  const seen = pypi.requests.length;
  const dump = join(cacheDir(), 'all.zip');
  writeFileSync(dump, writeZip(Object.fromEntries(records.map((r) => [`${r.id}.json`, JSON.stringify(r)]))));

  const facts = await gatherVersionsFacts({ root: project, pypiUrl: pypi.url, osvDb: dump, cacheDir: cache, offline: true, today });
  assert.equal(pypi.requests.length, seen);
  const django = facts.packages.find((p) => p.requirement.name === 'django')!;
  assert.deepEqual(django.vulnerabilities!.map((a) => a.id), ['GHSA-1', 'PYSEC-2']);
  assert.equal(django.safeUpgrade, '4.2.10');
  assert.equal(facts.osv.source, dump);

  const withoutDump = await gatherVersionsFacts({ root: project, pypiUrl: pypi.url, cacheDir: cache, offline: true, today });
  assert.match(withoutDump.osv.skipped!, /^offline: give --osv-db FILE/);
  const fresh = await gatherVersionsFacts({ root: project, pypiUrl: pypi.url, cacheDir: cacheDir(), offline: true, osvDb: dump, today });
  assert.equal(fresh.pypi.skipped, 'offline, and no cached PyPI answer for django');
});

test('a project folder that does not exist is bad input', async () => {
  await assert.rejects(gatherVersionsFacts({ root: join(project, 'nope'), today }), (error: Error) => error instanceof InputError && /nope: not a folder$/.test(error.message));
});

test('a project without a dependency file still gets its Python judged', async () => {
  const root = mkdtempSync(join(tmpdir(), 'implanta-bare-'));
  writeFileSync(join(root, '.python-version'), '3.13\n');
  const facts = await gatherVersionsFacts({ root, cacheDir: cacheDir(), offline: true, today });
  assert.equal(facts.dependencies, undefined);
  assert.deepEqual(facts.packages, []);
  const { skipped } = runRules(versionsRules, facts);
  assert.ok(skipped.some((s) => s.rule === 'versions.unpinned'));
  assert.ok(!skipped.some((s) => s.rule === 'versions.python-eol'));
});
