import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { distributionsFor, isKnownModule, moduleMappingDate } from '../../src/codebase/dependency-names.js';

// The generated list is searched as text rather than parsed (start-up speed): the answers must be the
// parsed list's, for names in it, names next to them, and the prefixed forms.
const table = {
  ...(JSON.parse(readFileSync(new URL('../../data/module-distributions.generated.json', import.meta.url), 'utf8')) as { $generated: string; prefixed: Record<string, string[]> }),
  distributions: readFileSync(new URL('../../data/pypi-distributions.generated.txt', import.meta.url), 'utf8').split('\n').filter(Boolean),
};

test('every sampled distribution of the generated table is a known module, under its import name too', () => {
  const sample = table.distributions.filter((_, i) => i % 25 === 0 || i === table.distributions.length - 1);
  assert.ok(sample.length > 500);
  for (const name of sample) {
    assert.equal(isKnownModule(name), true, name);
    assert.equal(isKnownModule(name.replace(/-/g, '_')), true, `${name} as an import name`);
  }
});

test('a part of a listed name, or a listed name with more, is not a known module', () => {
  const names = new Set(table.distributions);
  const listed = table.distributions.find((n) => n.length > 8 && !names.has(n.slice(1)) && !names.has(n.slice(0, -1)) && !names.has(`${n}x`) && !Object.hasOwn(table.prefixed, n.slice(1)))!;
  assert.ok(listed);
  for (const near of [listed.slice(1), listed.slice(0, -1), `${listed}x`]) assert.equal(isKnownModule(near), names.has(near) || Object.hasOwn(table.prefixed, near), near);
  assert.equal(isKnownModule('surely_no_such_module_xyz'), false);
  assert.equal(isKnownModule('$generated'), false, "the file's own metadata is not a module");
  assert.equal(isKnownModule(''), false, 'no name is not a listed one');
});

test('prefixed forms and the mapping date come from the same table', () => {
  const [module, distributions] = Object.entries(table.prefixed).find(([m]) => !table.distributions.includes(m.replace(/_/g, '-')))!;
  assert.equal(isKnownModule(module), true);
  for (const d of distributions) assert.ok(distributionsFor(module).includes(d), `${module} → ${d}`);
  assert.equal(moduleMappingDate(), table.$generated);
});
