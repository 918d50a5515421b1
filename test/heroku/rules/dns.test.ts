import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSkip } from '../../../src/core/rule.js';
import type { HerokuFacts } from '../../../src/heroku/facts.js';
import { dnsRule } from '../../../src/heroku/rules/dns.js';
import { appWith } from '../../fixtures/heroku/app-facts.js';

const TARGET = 'www-hollow-1a2b.herokudns.com';
const APEX_TARGET = 'hollow-apex-9z.herokudns.com';

/** Adds the apex domain with an ALIAS-style record: addresses only. */
const withApex = (addresses: string[] | null, targetAddresses: string[] | null) => (f: HerokuFacts) => {
  f.domains.push({ hostname: 'hollow.example', kind: 'custom', cname: APEX_TARGET, acm_status: 'cert issued' });
  f.dns['hollow.example'] = addresses;
  f.dns[APEX_TARGET] = targetAddresses;
};

const cases: [string, (f: HerokuFacts) => void, RegExp | null][] = [
  ['CNAME to its target', () => {}, null],
  ['a DNS target the API spells in capitals', (f) => { f.domains[1]!.cname = TARGET.toUpperCase(); }, null],
  ['CNAME to the old herokuapp.com name', (f) => { f.dns['www.hollow.example'] = ['hollow.herokuapp.com', '203.0.113.99']; }, /www\.hollow\.example does not point at its DNS target www-hollow-1a2b\.herokudns\.com/],
  ['apex ALIAS resolving to the target addresses', withApex(['198.51.100.7', '198.51.100.8'], ['198.51.100.8']), null],
  ['apex A record elsewhere', withApex(['192.0.2.1'], ['198.51.100.8']), /hollow\.example does not point at/],
  ['apex addresses while the target did not resolve: cannot judge, no report', withApex(['192.0.2.1'], null), null],
  ['one domain resolves, the other does not', withApex(null, ['198.51.100.8']), /hollow\.example does not resolve, while other custom domains of the app do/],
];

for (const [name, change, expected] of cases) {
  test(`${name}: ${expected ? 'fails' : 'passes'}`, () => {
    const result = dnsRule.check(appWith(change));
    assert.ok(!isSkip(result));
    if (!expected) return assert.deepEqual(result, []);
    assert.equal(result.length, 1);
    assert.match(result[0]!.message, expected);
    assert.match(result[0]!.hint!, /CNAME record/);
  });
}

test('when no custom domain resolves from here, the rule skips and names them', () => {
  const result = dnsRule.check(appWith((f) => { f.dns = { 'www.hollow.example': null }; }));
  assert.ok(isSkip(result));
  assert.match(result.skip, /none of the custom domains resolved .*www\.hollow\.example/);
});

test('an app without custom domains skips; wildcard domains are not looked up', () => {
  assert.ok(isSkip(dnsRule.check(appWith((f) => { f.domains = f.domains.slice(0, 1); }))));
  const wildcardOnly = dnsRule.check(appWith((f) => {
    f.domains = [{ hostname: '*.hollow.example', kind: 'custom', cname: 'w.herokudns.com' }];
    f.dns = {};
  }));
  assert.ok(isSkip(wildcardOnly));
});
