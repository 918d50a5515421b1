import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRules } from '../../../src/core/engine.js';
import type { HerokuFacts } from '../../../src/heroku/facts.js';
import { herokuRules } from '../../../src/heroku/rules/index.js';
import { addon, appWith, attachment, goodApp } from '../../fixtures/heroku/app-facts.js';

test('an app set up as the guide asks passes every production-check rule, none skipped', () => {
  const { findings, skipped } = runRules(herokuRules, goodApp());
  assert.deepEqual(findings, []);
  assert.deepEqual(skipped, []);
});

test('every rule has a unique heroku.* id, area heroku and a Dev Center link', () => {
  const ids = herokuRules.map((r) => r.meta.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const { meta } of herokuRules) {
    assert.match(meta.id, /^heroku\.[a-z-]+$/);
    assert.equal(meta.area, 'heroku');
    assert.match(meta.docs, /^https:\/\/devcenter\.heroku\.com\/articles\//);
  }
});

/** One misconfiguration each: it must fail its own point and no other. */
const misconfigurations: [string, (f: HerokuFacts) => void, string][] = [
  ['eco web dynos', (f) => { f.formation[0] = { type: 'web', quantity: 2, dyno_size: { name: 'Eco' } }; }, 'heroku.dyno-tier'],
  ['one web dyno', (f) => { f.formation[0]!.quantity = 1; }, 'heroku.redundancy'],
  ['essential database', (f) => { f.addons[0] = addon('pg1', 'heroku-postgresql', 'essential-0'); }, 'heroku.postgres'],
  ['standard database without follower', (f) => { f.addons[0] = addon('pg1', 'heroku-postgresql', 'standard-0'); }, 'heroku.postgres-ha'],
  ['no monitoring add-on', (f) => { f.addons = f.addons.filter((a) => a.id !== 'nr1'); }, 'heroku.app-monitoring'],
  ['no drain, no logging add-on', (f) => { f.logDrains = []; f.addons = f.addons.filter((a) => a.id !== 'pt1'); }, 'heroku.log-monitoring'],
  ['no maintenance page', (f) => { delete f.configVars.MAINTENANCE_PAGE_URL; delete f.pages.maintenance; }, 'heroku.error-pages'],
  ['ACM off, no certificate', (f) => { f.app.acm = false; }, 'heroku.ssl'],
  ['domain points elsewhere', (f) => { f.dns['www.hollow.example'] = ['hollow.herokuapp.com']; }, 'heroku.dns'],
  ['preboot off', (f) => { f.features = []; }, 'heroku.preboot'],
  ['an optional variable the settings read is unset', (f) => { f.settingsEnvReads = [...f.settingsEnvReads!, { name: 'CACHE_URL', required: false, file: 'hollow/settings.py', line: 50, via: 'os.environ' }]; }, 'heroku.config'],
];

for (const [name, change, rule] of misconfigurations) {
  test(`${name} fails exactly ${rule}`, () => {
    const { findings } = runRules(herokuRules, appWith(change));
    assert.ok(findings.length > 0, `${rule} reported nothing`);
    assert.deepEqual([...new Set(findings.map((f) => f.rule))], [rule]);
  });
}

test('a database attached under a second name is still the same database, not a follower', () => {
  const facts = appWith((f) => {
    f.addons[0] = addon('pg1', 'heroku-postgresql', 'standard-0');
    f.attachments.push(attachment('HEROKU_POSTGRESQL_BLUE', 'pg1'));
  });
  const { findings } = runRules(herokuRules, facts);
  assert.deepEqual(findings.map((f) => [f.rule, f.severity]), [['heroku.postgres-ha', 'warning']]);
});
