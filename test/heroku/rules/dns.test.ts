import type { HerokuFacts } from '../../../src/heroku/facts.js';
import { dnsRule } from '../../../src/heroku/rules/dns.js';
import { appWith } from '../../fixtures/heroku/app-facts.js';
import { testRule } from '../../helpers/rule-tester.js';

const TARGET = 'www-hollow-1a2b.herokudns.com';
const APEX_TARGET = 'hollow-apex-9z.herokudns.com';

/** Adds the apex domain with an ALIAS-style record: addresses only. */
const withApex = (addresses: string[] | null, targetAddresses: string[] | null) => (f: HerokuFacts) => {
  f.domains.push({ hostname: 'hollow.example', kind: 'custom', cname: APEX_TARGET, acm_status: 'cert issued' });
  f.dns['hollow.example'] = addresses;
  f.dns[APEX_TARGET] = targetAddresses;
};

testRule(dnsRule, {
  pass: [
    { name: 'CNAME to its target', facts: appWith(() => {}) },
    { name: 'a DNS target the API spells in capitals', facts: appWith((f) => { f.domains[1]!.cname = TARGET.toUpperCase(); }) },
    { name: 'apex ALIAS resolving to the target addresses', facts: appWith(withApex(['198.51.100.7', '198.51.100.8'], ['198.51.100.8'])) },
    { name: 'apex addresses while the target did not resolve: cannot judge, no report', facts: appWith(withApex(['192.0.2.1'], null)) },
  ],
  fail: [
    {
      name: 'CNAME to the old herokuapp.com name',
      facts: appWith((f) => { f.dns['www.hollow.example'] = ['hollow.herokuapp.com', '203.0.113.99']; }),
      reports: [{ messageId: 'wrong-target', mentions: ['www.hollow.example', TARGET, 'CNAME record'] }],
    },
    { name: 'apex A record elsewhere', facts: appWith(withApex(['192.0.2.1'], ['198.51.100.8'])), reports: [{ messageId: 'wrong-target', mentions: ['hollow.example', 'CNAME record'] }] },
    { name: 'one domain resolves, the other does not', facts: appWith(withApex(null, ['198.51.100.8'])), reports: [{ messageId: 'does-not-resolve', mentions: ['hollow.example', 'CNAME record'] }] },
  ],
  skip: [
    { name: 'no custom domain resolves from here: the rule names them', facts: appWith((f) => { f.dns = { 'www.hollow.example': null }; }), reason: /none of the custom domains resolved .*www\.hollow\.example/ },
    { name: 'an app without custom domains', facts: appWith((f) => { f.domains = f.domains.slice(0, 1); }), reason: /custom domain/ },
    {
      name: 'wildcard domains are not looked up',
      facts: appWith((f) => { f.domains = [{ hostname: '*.hollow.example', kind: 'custom', cname: 'w.herokudns.com' }]; f.dns = {}; }),
      reason: /custom domain/,
    },
  ],
});
