import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { allDjangoSeries, allPythonSeries, djangoSeries, lifecycleAsOf, pythonSeries } from '../../src/versions/lifecycle.js';

const raw = JSON.parse(readFileSync(new URL('../../data/lifecycle.json', import.meta.url), 'utf8')) as {
  sources: { id: string; url: string }[];
  django: { sources: string[] }[];
  python: { sources: string[] }[];
};

test('the data is dated and every entry names sources the file lists', () => {
  assert.match(lifecycleAsOf, /^\d{4}-\d{2}-\d{2}$/);
  const ids = new Set(raw.sources.map((s) => s.id));
  for (const entry of [...raw.django, ...raw.python]) {
    assert.ok(entry.sources.length > 0);
    for (const id of entry.sources) assert.ok(ids.has(id), `unknown source ${id}`);
  }
});

test('Django series 1.0 to 6.0 are all there, in order, with dates in order', () => {
  const series = allDjangoSeries().map((s) => s.series);
  for (const expected of ['1.0', '1.4', '1.8', '1.11', '2.2', '3.0', '3.1', '3.2', '4.0', '4.1', '4.2', '5.0', '5.1', '5.2', '6.0']) assert.ok(series.includes(expected), expected);
  assert.deepEqual(series, [...series].sort((a, b) => Number(a.split('.')[0]) - Number(b.split('.')[0]) || Number(a.split('.')[1]) - Number(b.split('.')[1])));
  for (const s of allDjangoSeries()) {
    assert.ok(s.released < s.mainstream_end && s.mainstream_end <= s.security_end, s.series);
    assert.ok(s.python.every((p) => pythonSeries(p)), `${s.series} names a Python series the data knows`);
  }
});

const django: [number, number, Partial<ReturnType<typeof djangoSeries>>][] = [
  [3, 2, { lts: true, security_end: '2024-04-01' }],
  [4, 2, { lts: true, released: '2023-04-03' }],
  [5, 0, { lts: false, python: ['3.10', '3.11', '3.12'] }],
  [5, 2, { lts: true, security_end: '2028-04-30' }],
  [1, 4, { lts: true, security_end: '2015-10-01' }],
  [1, 11, { lts: true, security_end: '2020-04-01', python: ['2.7', '3.4', '3.5', '3.6', '3.7'] }],
  [2, 2, { lts: true, security_end: '2022-04-11' }],
  [6, 0, { released: '2025-12-03', python: ['3.12', '3.13', '3.14'] }],
];

for (const [major, minor, expected] of django) {
  test(`djangoSeries(${major}, ${minor})`, () => {
    const info = djangoSeries(major, minor);
    assert.ok(info);
    for (const [key, value] of Object.entries(expected!)) assert.deepEqual(info[key as keyof typeof info], value, key);
  });
}

test('unknown series are undefined', () => {
  assert.equal(djangoSeries(0, 96), undefined);
  assert.equal(djangoSeries(2, 3), undefined);
  assert.equal(pythonSeries('1.5.2'), undefined);
  assert.equal(pythonSeries('not a version'), undefined);
});

const python: [string, string, boolean][] = [
  ['3.12.4', '3.12', true],
  ['3.12', '3.12', true],
  ['python-3.11.9', '3.11', true],
  ['3.10', '3.10', true],
  ['3.9.18', '3.9', false],
  ['3.6', '3.6', false],
  ['3.4.3', '3.4', false],
  ['2.7.18', '2.7', false],
  ['3.14.0', '3.14', true],
];

for (const [version, series, heroku] of python) {
  test(`pythonSeries('${version}') is the ${series} entry`, () => {
    const info = pythonSeries(version);
    assert.equal(info?.series, series);
    assert.equal(info?.heroku_supported, heroku);
  });
}

test('Python series 2.3 to 3.14, each end of life after its release', () => {
  const series = allPythonSeries().map((p) => p.series);
  assert.deepEqual(series, ['2.3', '2.4', '2.5', '2.6', '2.7', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7', '3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14']);
  for (const p of allPythonSeries()) assert.ok(p.released < p.eol, p.series);
});

test('the lists handed out are copies: callers cannot change the data', () => {
  allDjangoSeries()[0]!.python.push('9.9');
  allPythonSeries()[0]!.eol = 'never';
  assert.ok(!djangoSeries(3, 0)!.python.includes('9.9'));
  assert.notEqual(pythonSeries('3.6')!.eol, 'never');
});
