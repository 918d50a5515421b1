import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as Heroku from '../../../src/heroku/schema-extensions.js';
import type { HerokuFacts } from '../../../src/heroku/facts.js';
import { nameMatches, sslRule } from '../../../src/heroku/rules/ssl.js';
import { appWith } from '../../fixtures/heroku/app-facts.js';
import { testRule } from '../../helpers/rule-tester.js';

function endpoint(domains: string[], expiresAt: string, id = 'sni1'): Heroku.SniEndpoint {
  return { id, name: 'tokyo-1234', ssl_cert: { cert_domains: domains, expires_at: expiresAt } };
}

/** ACM off, the custom domain served by an uploaded certificate. */
const uploaded = (cert: Heroku.SniEndpoint, hostname = 'www.hollow.example') => (f: HerokuFacts) => {
  f.app.acm = false;
  f.domains[1] = { hostname, kind: 'custom', cname: 'x.herokudns.com', acm_status: null, sni_endpoint: { id: cert.id } };
  f.sniEndpoints = [cert];
};

testRule(sslRule, {
  pass: [
    { name: 'ACM issued', facts: appWith(() => {}) },
    { name: 'uploaded certificate valid for a year', facts: appWith(uploaded(endpoint(['www.hollow.example'], '2027-11-27T00:00:00Z'))) },
    { name: 'uploaded wildcard certificate', facts: appWith(uploaded(endpoint(['*.hollow.example'], '2027-11-27T00:00:00Z'))) },
    { name: 'no custom domain at all', facts: appWith((f) => { f.app.acm = false; f.domains = f.domains.slice(0, 1); }) },
  ],
  fail: [
    { name: 'ACM pending', facts: appWith((f) => { f.domains[1]!.acm_status = 'pending'; }), reports: [{ messageId: 'acm-failed', severity: 'warning', mentions: ['www.hollow.example (pending)'] }] },
    {
      name: 'ACM failing, with its reason',
      facts: appWith((f) => { f.domains[1]!.acm_status = 'failing'; f.domains[1]!.acm_status_reason = 'CDN not supported'; }),
      reports: [{ messageId: 'acm-failed', severity: 'error', mentions: ['(failing: CDN not supported)'] }],
    },
    { name: 'ACM off and no certificate, hinting certs:auto:enable', facts: appWith((f) => { f.app.acm = false; }), reports: [{ messageId: 'no-certificate', severity: 'error', mentions: ['www.hollow.example', 'heroku certs:auto:enable -a hollow'] }] },
    { name: 'uploaded certificate expiring in 10 days', facts: appWith(uploaded(endpoint(['www.hollow.example'], '2026-12-07T00:00:00Z'))), reports: [{ messageId: 'expires-soon', severity: 'warning', mentions: ['2026-12-07', '10 days'] }] },
    { name: 'uploaded certificate already expired', facts: appWith(uploaded(endpoint(['www.hollow.example'], '2026-11-01T00:00:00Z'))), reports: [{ messageId: 'expired', severity: 'error', mentions: ['2026-11-01'] }] },
    {
      name: 'wildcard certificate does not cover the apex',
      facts: appWith(uploaded(endpoint(['*.hollow.example'], '2027-11-27T00:00:00Z'), 'hollow.example')),
      reports: [{ messageId: 'no-certificate', severity: 'error', mentions: ['hollow.example'], conceals: ['www.hollow.example'] }],
    },
    { name: 'certificate for another name', facts: appWith(uploaded(endpoint(['shop.example.org'], '2027-11-27T00:00:00Z'))), reports: [{ messageId: 'no-certificate', severity: 'error' }] },
    {
      name: 'each uncovered domain is reported on its own',
      facts: appWith((f) => {
        f.app.acm = false;
        f.domains.push({ hostname: 'hollow.example', kind: 'custom', cname: 'y.herokudns.com', acm_status: null });
      }),
      reports: [
        { messageId: 'no-certificate', mentions: ['www.hollow.example'] },
        { messageId: 'no-certificate', mentions: ['hollow.example'], conceals: ['www.hollow.example'] },
      ],
    },
  ],
});

const names: [string, string, boolean][] = [
  ['www.example.com', 'www.example.com', true],
  ['*.example.com', 'www.example.com', true],
  ['*.example.com', 'example.com', false],
  ['*.example.com', 'a.b.example.com', false],
  ['*.example.com', '*.example.com', true],
  ['www.example.com', 'api.example.com', false],
];
for (const [pattern, host, expected] of names) {
  test(`certificate name ${pattern} ${expected ? 'covers' : 'does not cover'} ${host}`, () => {
    assert.equal(nameMatches(pattern, host), expected);
  });
}
