import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSkip } from '../../../src/core/rule.js';
import type { EnvRead } from '../../../src/project/settings/types.js';
import { configRule } from '../../../src/heroku/rules/config.js';
import { appWith, CANARY } from '../../fixtures/heroku/app-facts.js';

const debugValues: [string, boolean][] = [
  ['True', true], ['true', true], ['1', true], ['yes', true], ['on', true], [' True ', true],
  ['False', false], ['false', false], ['0', false], ['', false], ['no', false], [CANARY, false],
];

for (const [value, on] of debugValues) {
  test(`DEBUG=${JSON.stringify(value)} ${on ? 'is an error' : 'passes'}`, () => {
    const result = configRule.check(appWith((f) => { f.configVars.DEBUG = value; }));
    assert.ok(!isSkip(result));
    if (!on) return assert.deepEqual(result, []);
    assert.equal(result.length, 1);
    assert.equal(result[0]!.severity, 'error');
    assert.equal(result[0]!.hint, 'heroku config:unset DEBUG -a hollow');
  });
}

test('the DEBUG report never depends on the value: it is not quoted', () => {
  const messages = new Set(
    debugValues.filter(([, on]) => on).map(([value]) => {
      const result = configRule.check(appWith((f) => { f.configVars.DEBUG = value; }));
      return isSkip(result) ? '' : result[0]!.message;
    }),
  );
  assert.equal(messages.size, 1);
});

function reads(...list: Partial<EnvRead>[]): EnvRead[] {
  return list.map((r, i) => ({ name: 'X', required: false, file: 'hollow/settings.py', line: 10 + i, via: 'os.environ', ...r }));
}

test('a variable the settings require but the app does not set is an error at the read', () => {
  const result = configRule.check(appWith((f) => { f.settingsEnvReads = reads({ name: 'SENTRY_DSN', required: true, line: 7 }); }));
  assert.ok(!isSkip(result) && result.length === 1);
  assert.equal(result[0]!.severity, 'error');
  assert.equal(result[0]!.file, 'hollow/settings.py');
  assert.equal(result[0]!.line, 7);
  assert.match(result[0]!.message, /SENTRY_DSN with no default/);
  assert.equal(result[0]!.hint, 'heroku config:set SENTRY_DSN=… -a hollow');
});

test('an optional unset variable is info; one report per name; set and runtime variables are not reported', () => {
  const result = configRule.check(appWith((f) => {
    f.settingsEnvReads = reads({ name: 'CACHE_URL' }, { name: 'CACHE_URL', line: 20 }, { name: 'SECRET_KEY', required: true }, { name: 'PORT' }, { name: 'WEB_CONCURRENCY' });
  }));
  assert.ok(!isSkip(result));
  assert.deepEqual(result.map((r) => [r.severity, r.line]), [['info', 10]]);
});

test('a name read once with a default and once without counts as required', () => {
  const result = configRule.check(appWith((f) => { f.settingsEnvReads = reads({ name: 'API_KEY' }, { name: 'API_KEY', required: true }); }));
  assert.ok(!isSkip(result));
  assert.equal(result[0]!.severity, 'error');
});

test('HEROKU_APP_NAME is provided only when runtime-dyno-metadata is enabled', () => {
  const read = reads({ name: 'HEROKU_APP_NAME', required: true });
  const without = configRule.check(appWith((f) => { f.settingsEnvReads = read; }));
  assert.ok(!isSkip(without) && without.length === 1);
  const withMetadata = configRule.check(appWith((f) => { f.settingsEnvReads = read; f.features.push({ name: 'runtime-dyno-metadata', enabled: true }); }));
  assert.deepEqual(withMetadata, []);
});
