import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codebaseRules } from '../../src/codebase/index.js';
import { runRules } from '../../src/core/engine.js';
import { projectFacts } from '../helpers/project-facts.js';

test('codebase rules: unique codebase.* ids, each with a title and a Dev Center article (or Django\'s docs)', () => {
  const ids = codebaseRules.map((r) => r.meta.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const { meta } of codebaseRules) {
    assert.match(meta.id, /^codebase\.[a-z-]+$/);
    assert.equal(meta.area, 'codebase');
    assert.ok(meta.title.length > 0, meta.id);
    assert.match(meta.docs, /^https:\/\/(devcenter\.heroku\.com\/articles\/[a-z0-9-]+|docs\.djangoproject\.com\/)/, meta.id);
  }
});

test('codebase rules: an empty project gives findings or skips, never a crash', () => {
  const { findings, skipped } = runRules(codebaseRules, projectFacts({ files: [] }));
  assert.deepEqual(findings.filter((f) => /implanta's rule/.test(f.message)), []);
  assert.ok(findings.some((f) => f.rule === 'codebase.procfile'));
  assert.ok(skipped.some((s) => s.rule === 'codebase.debug'));
});
