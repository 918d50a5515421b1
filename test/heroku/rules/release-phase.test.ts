import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSkip } from '../../../src/core/rule.js';
import { releasePhaseRule } from '../../../src/heroku/rules/release-phase.js';
import { appWith } from '../../fixtures/heroku/app-facts.js';

test('a release process that migrates passes', () => {
  assert.deepEqual(releasePhaseRule.check(appWith(() => {})), []);
});

test('a project without migrations needs no release phase', () => {
  assert.deepEqual(releasePhaseRule.check(appWith((f) => { f.projectHasMigrations = false; f.procfile!.entries.pop(); })), []);
});

test('migrations without a release process fail, pointing at the Procfile', () => {
  const result = releasePhaseRule.check(appWith((f) => { f.procfile!.entries.pop(); }));
  assert.ok(!isSkip(result) && result.length === 1);
  assert.equal(result[0]!.file, 'Procfile');
  assert.match(result[0]!.hint!, /release: python manage.py migrate --noinput/);
});

test('migrations without any Procfile fail', () => {
  const result = releasePhaseRule.check(appWith((f) => { delete f.procfile; }));
  assert.ok(!isSkip(result) && result.length === 1);
  assert.match(result[0]!.message, /no Procfile/);
});

test('a release process running a script is info at its line, since the script may migrate', () => {
  const result = releasePhaseRule.check(appWith((f) => { f.procfile!.entries[1]!.command = './bin/release.sh'; }));
  assert.ok(!isSkip(result) && result.length === 1);
  assert.equal(result[0]!.severity, 'info');
  assert.equal(result[0]!.line, 2);
});

test('without a project the rule skips', () => {
  assert.ok(isSkip(releasePhaseRule.check(appWith((f) => { delete f.projectHasMigrations; }))));
});
