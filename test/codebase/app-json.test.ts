import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { appJsonRule } from '../../src/codebase/app-json.js';
import { isSkip } from '../../src/core/rule.js';
import { readAppJson } from '../../src/project/app-json.js';
import type { EnvRead } from '../../src/project/settings/types.js';
import { projectFacts } from '../helpers/project-facts.js';

/** Writes `text` as app.json in a fresh folder and reads it back as the check does. */
function manifest(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'implanta-app-json-'));
  try {
    writeFileSync(join(dir, 'app.json'), text);
    return readAppJson(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const secretKeyRead: EnvRead = { name: 'SECRET_KEY', required: true, file: 'proj/settings.py', line: 4, via: 'os.environ' };

function check(text: string, envReads: EnvRead[] = [secretKeyRead]) {
  return appJsonRule.check(projectFacts({ settings: {}, envReads, appJson: manifest(text)! }));
}

const GOOD = `{
  "name": "Hollow",
  "env": {
    "SECRET_KEY": { "description": "Django's signing key", "generator": "secret" },
    "DEBUG": { "value": "false", "required": false }
  },
  "stack": "heroku-24"
}`;

test('app.json that declares what the settings need, generates its secret and uses a supported stack passes', () => {
  assert.deepEqual(check(GOOD), []);
});

const failing: Array<[string, string, EnvRead[], Array<[string, number, RegExp]>]> = [
  ['a committed secret value', '{\n  "env": {\n    "SECRET_KEY": "abc123-committed"\n  }\n}', [secretKeyRead], [['error', 3, /commits a value for SECRET_KEY/]]],
  ['an object with a literal secret value', '{"env": {"SECRET_KEY": {"value": "x9"}, "API_TOKEN": {"value": "t0k"}}}', [secretKeyRead], [['error', 1, /SECRET_KEY/], ['error', 1, /API_TOKEN/]]],
  ['a required variable the manifest does not declare', '{"env": {}}', [secretKeyRead], [['warning', 1, /cannot boot without SECRET_KEY \(proj\/settings\.py:4\)/]]],
  ['a stack past end of life', '{\n  "env": {"SECRET_KEY": {"generator": "secret"}},\n  "stack": "heroku-18"\n}', [secretKeyRead], [['error', 3, /heroku-18, past end of life/]]],
  ['a deprecated stack', '{"stack": "heroku-22"}', [], [['warning', 1, /heroku-22, deprecated/]]],
  ['a stack Heroku does not offer', '{"stack": "cedar-14-custom"}', [], [['warning', 1, /does not offer/]]],
  ['a file that is not JSON', '{\n  "env": {\n    "SECRET_KEY": \n  }\n}', [secretKeyRead], [['error', 4, /app\.json is not valid/]]],
];

for (const [name, text, reads, expected] of failing) {
  test(`app.json: ${name}`, () => {
    const result = check(text, reads);
    assert.ok(!isSkip(result));
    assert.deepEqual(
      result.map((r) => [r.severity ?? 'warning', r.line]),
      expected.map(([severity, line]) => [severity, line]),
    );
    result.forEach((r, i) => assert.match(r.message, expected[i]![2]));
    assert.ok(result.every((r) => !/abc123-committed|x9|t0k/.test(r.message + (r.hint ?? ''))), 'a committed secret is never quoted');
  });
}

test('a project without app.json is skipped, not passed silently', () => {
  const result = appJsonRule.check(projectFacts({ settings: {} }));
  assert.ok(isSkip(result) && /no app\.json/.test(result.skip));
});

test('a non-secret value in the manifest is fine', () => {
  assert.deepEqual(check('{"env": {"SECRET_KEY": {"generator": "secret"}, "WEB_CONCURRENCY": "3"}}'), []);
});
