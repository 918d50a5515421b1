import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSkip } from '../../../src/core/rule.js';
import type { HerokuFacts } from '../../../src/heroku/facts.js';
import { errorPagesRule } from '../../../src/heroku/rules/error-pages.js';
import { appWith, CANARY } from '../../fixtures/heroku/app-facts.js';

const secretUrl = `https://pages.example.com/${CANARY}/error.html`;

const cases: [string, (f: HerokuFacts) => void, RegExp | null][] = [
  ['both pages set, https, 200 text/html', () => {}, null],
  ['ERROR_PAGE_URL unset', (f) => { delete f.configVars.ERROR_PAGE_URL; delete f.pages.error; }, /ERROR_PAGE_URL is not set/],
  ['MAINTENANCE_PAGE_URL over http', (f) => {
    f.configVars.MAINTENANCE_PAGE_URL = 'http://pages.example.com/m.html';
    f.pages.maintenance = { url: 'http://pages.example.com/m.html', status: 200, contentType: 'text/html' };
  }, /MAINTENANCE_PAGE_URL is not an https URL/],
  ['error page answering 404', (f) => { f.configVars.ERROR_PAGE_URL = secretUrl; f.pages.error = { url: secretUrl, status: 404, contentType: 'text/html' }; }, /ERROR_PAGE_URL answered HTTP 404/],
  ['error page that cannot be fetched', (f) => { f.configVars.ERROR_PAGE_URL = secretUrl; f.pages.error = { url: secretUrl, error: 'ENOTFOUND' }; }, /ERROR_PAGE_URL could not be fetched \(ENOTFOUND\)/],
  ['error page served as JSON', (f) => { f.pages.error = { url: secretUrl, status: 200, contentType: 'application/json' }; }, /served as application\/json, not text\/html/],
];

for (const [name, change, expected] of cases) {
  test(`${name}: ${expected ? 'fails' : 'passes'}`, () => {
    const result = errorPagesRule.check(appWith(change));
    assert.ok(!isSkip(result));
    if (!expected) return assert.deepEqual(result, []);
    assert.equal(result.length, 1);
    assert.match(result[0]!.message, expected);
    assert.ok(!JSON.stringify(result).includes(CANARY), 'a page URL leaked into a report');
  });
}

test('an unset page hints the exact config:set command', () => {
  const result = errorPagesRule.check(appWith((f) => { delete f.configVars.MAINTENANCE_PAGE_URL; delete f.pages.maintenance; }));
  assert.ok(!isSkip(result));
  assert.match(result[0]!.hint!, /heroku config:set MAINTENANCE_PAGE_URL=https:\/\/…\/maintenance\.html -a hollow/);
});
