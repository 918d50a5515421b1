import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as Heroku from '../../../src/heroku/schema-extensions.js';
import { isSkip } from '../../../src/core/rule.js';
import type { HerokuFacts } from '../../../src/heroku/facts.js';
import { nameMatches, sslRule } from '../../../src/heroku/rules/ssl.js';
import { appWith } from '../../fixtures/heroku/app-facts.js';

function endpoint(domains: string[], expiresAt: string, id = 'sni1'): Heroku.SniEndpoint {
  return { id, name: 'tokyo-1234', ssl_cert: { cert_domains: domains, expires_at: expiresAt } };
}

/** ACM off, the custom domain served by an uploaded certificate. */
const uploaded = (cert: Heroku.SniEndpoint, hostname = 'www.hollow.example') => (f: HerokuFacts) => {
  f.app.acm = false;
  f.domains[1] = { hostname, kind: 'custom', cname: 'x.herokudns.com', acm_status: null, sni_endpoint: { id: cert.id } };
  f.sniEndpoints = [cert];
};

const cases: [string, (f: HerokuFacts) => void, 'error' | 'warning' | 'pass', RegExp?][] = [
  ['ACM issued', () => {}, 'pass'],
  ['ACM pending', (f) => { f.domains[1]!.acm_status = 'pending'; }, 'warning', /has not issued a certificate for www\.hollow\.example \(pending\)/],
  ['ACM failing, with its reason', (f) => { f.domains[1]!.acm_status = 'failing'; f.domains[1]!.acm_status_reason = 'CDN not supported'; }, 'error', /\(failing: CDN not supported\)/],
  ['ACM off and no certificate', (f) => { f.app.acm = false; }, 'error', /www\.hollow\.example has no certificate/],
  ['uploaded certificate valid for a year', uploaded(endpoint(['www.hollow.example'], '2027-11-27T00:00:00Z')), 'pass'],
  ['uploaded wildcard certificate', uploaded(endpoint(['*.hollow.example'], '2027-11-27T00:00:00Z')), 'pass'],
  ['uploaded certificate expiring in 10 days', uploaded(endpoint(['www.hollow.example'], '2026-12-07T00:00:00Z')), 'warning', /expires on 2026-12-07, in 10 days/],
  ['uploaded certificate already expired', uploaded(endpoint(['www.hollow.example'], '2026-11-01T00:00:00Z')), 'error', /expired on 2026-11-01/],
  ['wildcard certificate does not cover the apex', uploaded(endpoint(['*.hollow.example'], '2027-11-27T00:00:00Z'), 'hollow.example'), 'error', /hollow\.example has no certificate/],
  ['certificate for another name', uploaded(endpoint(['shop.example.org'], '2027-11-27T00:00:00Z')), 'error', /has no certificate/],
  ['no custom domain at all', (f) => { f.app.acm = false; f.domains = f.domains.slice(0, 1); }, 'pass'],
];

for (const [name, change, expected, message] of cases) {
  test(`${name}: ${expected}`, () => {
    const result = sslRule.check(appWith(change));
    assert.ok(!isSkip(result));
    if (expected === 'pass') return assert.deepEqual(result, []);
    assert.equal(result.length, 1);
    assert.equal(result[0]!.severity ?? sslRule.meta.severity, expected);
    assert.match(result[0]!.message, message!);
  });
}

test('a missing certificate hints certs:auto:enable', () => {
  const result = sslRule.check(appWith((f) => { f.app.acm = false; }));
  assert.ok(!isSkip(result));
  assert.equal(result[0]!.hint, 'heroku certs:auto:enable -a hollow');
});

test('each uncovered domain is reported on its own', () => {
  const result = sslRule.check(appWith((f) => {
    f.app.acm = false;
    f.domains.push({ hostname: 'hollow.example', kind: 'custom', cname: 'y.herokudns.com', acm_status: null });
  }));
  assert.ok(!isSkip(result));
  assert.deepEqual(result.map((r) => r.message.split(' ')[0]), ['www.hollow.example', 'hollow.example']);
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
