import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { allRuleMeta } from '../../src/check/all-rules.js';
import { catalogueMarkdown } from '../../src/core/catalogue.js';
import { implanta } from '../cli/helpers/run-cli.js';

const rules = allRuleMeta();

describe('the rule catalogue', () => {
  it('docs/rules.md is generated from the rules as they are (run `npm run docs:rules` after changing a rule)', () => {
    const onDisk = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');
    assert.equal(onDisk, catalogueMarkdown(rules));
  });

  it('every rule has one ID of its own, a title, a link, and every catalogue field filled', () => {
    const ids = rules.map((r) => r.id);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], 'IDs reported by two rules');
    for (const r of rules) {
      assert.match(r.id, /^(security|async|caches|codebase|heroku|versions|migrations|live)\.[\w-]+$/, r.id);
      assert.match(r.docs, /^https:\/\//, `${r.id} link`);
      for (const field of ['checks', 'why', 'example', 'fix'] as const) {
        assert.ok(r.explain[field].trim().length >= 8, `${r.id}: explain.${field} is empty`);
      }
      assert.ok(Object.keys(r.messages).length > 0, `${r.id} declares no message`);
      for (const id of Object.keys(r.messages)) assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/, `${r.id}: message ID '${id}'`);
    }
  });

  it('check --explain prints one entry; an unknown rule exits 2 with one line naming a near ID', async () => {
    const ok = await implanta(['check', '--explain', 'security.W004']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^security\.W004: HTTP Strict Transport Security is on\narea django, default severity warning\n/);
    assert.match(ok.stdout, /\nFix: +SECURE_HSTS_SECONDS = 3600/);
    assert.match(ok.stdout, /\nLink: +https:\/\/docs\.djangoproject\.com\//);

    const bad = await implanta(['check', '--explain', 'secrets']);
    assert.equal(bad.code, 2);
    assert.equal(bad.stdout, '');
    assert.equal(bad.stderr, 'implanta: --explain secrets: no such rule (did you mean codebase.secrets?)\n');
  });
});
