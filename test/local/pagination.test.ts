import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paginate, parseRange } from '../../src/local/api/pagination.js';

const releases = Array.from({ length: 12 }, (_, i) => ({ id: `id-${String.fromCharCode(97 + i)}`, version: i + 1 }));
const fields = ['id', 'version'];

const cases: [string | undefined, number[], 200 | 206, string | null][] = [
  [undefined, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 200, null],
  ['version ..; max=3', [1, 2, 3], 206, 'version ]3..; max=3'],
  ['version ]9..; max=2', [10, 11], 206, 'version ]11..; max=2'],
  ['version 10..', [10, 11, 12], 200, null],
  ['version ..; max=2, order=desc', [12, 11], 206, 'version ]11..; max=2, order=desc'],
  ['version ]11..; order=desc, max=2', [10, 9], 206, 'version ]9..; max=2, order=desc'],
  ['version 3..5', [3, 4, 5], 200, null],
  ['id ]id-j..', [11, 12], 200, null],
];

for (const [header, versions, status, next] of cases) {
  test(`Range ${header ?? '(none)'} gives versions ${versions.join(',')}`, () => {
    const page = paginate(releases, parseRange(header, fields, 1000), fields);
    assert.deepEqual(page.items.map((r) => r.version), versions);
    assert.equal(page.status, status);
    assert.equal(page.headers['Next-Range'] ?? null, next);
  });
}

test('without max a page holds 200 items; max never exceeds the server page size', () => {
  const many = Array.from({ length: 450 }, (_, i) => ({ id: String(i).padStart(4, '0') }));
  assert.equal(paginate(many, parseRange(undefined, ['id'], 1000), ['id']).items.length, 200);
  assert.equal(paginate(many, parseRange('id ..; max=1000', ['id'], 1000), ['id']).items.length, 450);
  assert.equal(paginate(many, parseRange('id ..; max=1000', ['id'], 50), ['id']).items.length, 50);
});

for (const bad of ['colour ..', 'id ..; max=0', 'id ..; order=sideways', 'id 5']) {
  test(`Range ${bad} is refused with 416`, () => {
    assert.throws(() => parseRange(bad, ['id'], 1000), (e: { status?: number }) => e.status === 416);
  });
}
