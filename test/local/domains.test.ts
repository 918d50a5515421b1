import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestPlatform } from '../helpers/local-api.js';

/** A self-signed certificate and its key, made by openssl for the test. */
function selfSigned(names: string[]): { cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'implanta-cert-'));
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '30', '-subj', `/O=Hollow/CN=${names[0]}`, '-addext', `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}`,
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
    { stdio: 'ignore' },
  );
  return { cert: readFileSync(join(dir, 'cert.pem'), 'utf8'), key: readFileSync(join(dir, 'key.pem'), 'utf8') };
}

test('a custom domain gets a herokudns.com DNS target; the default domain cannot be removed', async (t) => {
  const local = await startTestPlatform(t);
  await local.call('POST', '/apps', { name: 'dns-app' });
  const added = await local.call('POST', '/apps/dns-app/domains', { hostname: 'WWW.Example.com', sni_endpoint: null });
  assert.equal(added.status, 201);
  assert.equal(added.body.hostname, 'www.example.com');
  assert.equal(added.body.kind, 'custom');
  assert.match(added.body.cname, /^[a-z]+-[a-z]+-[0-9a-f]{12}\.herokudns\.com$/);
  assert.equal(added.body.acm_status, null);
  assert.equal((await local.call('GET', '/apps/dns-app/domains/www.example.com')).body.id, added.body.id);

  const duplicate = await local.call('POST', '/apps/dns-app/domains', { hostname: 'www.example.com', sni_endpoint: null });
  assert.equal(duplicate.status, 422);
  assert.equal((await local.call('POST', '/apps/dns-app/domains', { hostname: 'not a host' })).status, 422);
  assert.equal((await local.call('POST', '/apps/dns-app/domains', { hostname: 'other.herokuapp.com' })).status, 422);
  assert.equal((await local.call('DELETE', '/apps/dns-app/domains/dns-app.herokuapp.com')).status, 422);

  await local.call('DELETE', `/apps/dns-app/domains/${added.body.id}`);
  assert.deepEqual((await local.call('GET', '/apps/dns-app/domains')).body.map((d: { kind: string }) => d.kind), ['heroku']);
});

test('ACM: custom domains show pending, then "cert issued" once the configured delay has passed', async (t) => {
  for (const [delay, expected] of [[3_600_000, 'pending'], [0, 'cert issued']] as const) {
    const local = await startTestPlatform(t, { acmDelayMs: delay });
    await local.call('POST', '/apps', { name: 'acm-app' });
    await local.call('POST', '/apps/acm-app/domains', { hostname: 'www.hollow.example', sni_endpoint: null });
    const enabled = await local.call('POST', '/apps/acm-app/acm');
    assert.equal(enabled.body.acm, true);
    const domains = (await local.call('GET', '/apps/acm-app/domains')).body as { kind: string; acm_status: string | null }[];
    assert.equal(domains.find((d) => d.kind === 'custom')!.acm_status, expected);
    assert.equal(domains.find((d) => d.kind === 'heroku')!.acm_status, null);
    const disabled = await local.call('DELETE', '/apps/acm-app/acm');
    assert.equal(disabled.body.acm, false);
    assert.equal((await local.call('GET', '/apps/acm-app/domains/www.hollow.example')).body.acm_status, null);
  }
});

test('ACM is refused while the app runs eco dynos', async (t) => {
  const local = await startTestPlatform(t);
  await local.call('POST', '/apps', { name: 'eco-app' });
  const slug = await local.call('POST', '/apps/eco-app/slugs', { process_types: { web: 'gunicorn app.wsgi' } });
  await local.call('POST', '/apps/eco-app/releases', { slug: slug.body.id });
  await local.call('PATCH', '/apps/eco-app/formation/web', { size: 'eco' });
  const refused = await local.call('POST', '/apps/eco-app/acm');
  assert.equal(refused.status, 422);
  assert.match(refused.body.message, /eco/);
});

test('an SNI endpoint reads the certificate, serves the domains pointed at it, and never returns the key', async (t) => {
  const local = await startTestPlatform(t);
  await local.call('POST', '/apps', { name: 'tls-app' });
  const { cert, key } = selfSigned(['www.hollow.example', 'hollow.example']);
  const created = await local.call('POST', '/apps/tls-app/sni-endpoints', { certificate_chain: cert, private_key: key });
  assert.equal(created.status, 201);
  assert.match(created.body.name, /^[a-z]+-\d{5}$/);
  assert.deepEqual(created.body.ssl_cert.cert_domains, ['www.hollow.example', 'hollow.example']);
  assert.equal(created.body.ssl_cert['self_signed?'], true);
  assert.equal(created.body.ssl_cert['ca_signed?'], false);
  assert.equal(created.body.ssl_cert.subject, '/O=Hollow/CN=www.hollow.example');
  const days = (Date.parse(created.body.ssl_cert.expires_at) - Date.now()) / 86_400_000;
  assert.ok(days > 28 && days <= 30, `expires in about 30 days, not ${days}`);
  assert.ok(!JSON.stringify(created.body).includes('PRIVATE KEY'));

  const domain = await local.call('POST', '/apps/tls-app/domains', { hostname: 'www.hollow.example', sni_endpoint: created.body.name });
  assert.deepEqual(domain.body.sni_endpoint, { id: created.body.id, name: created.body.name });
  assert.deepEqual((await local.call('GET', `/apps/tls-app/sni-endpoints/${created.body.id}`)).body.domains, [domain.body.id]);
  assert.equal((await local.call('GET', '/apps/tls-app/sni-endpoints')).body.length, 1);
});

test('an SNI endpoint whose key does not match, or whose PEM is not a certificate, is refused without quoting the key', async (t) => {
  const local = await startTestPlatform(t);
  await local.call('POST', '/apps', { name: 'bad-tls' });
  const one = selfSigned(['a.hollow.example']);
  const other = selfSigned(['b.hollow.example']);
  const mismatch = await local.call('POST', '/apps/bad-tls/sni-endpoints', { certificate_chain: one.cert, private_key: other.key });
  assert.equal(mismatch.status, 422);
  assert.equal(mismatch.body.message, 'private_key does not match the certificate.');
  const garbage = await local.call('POST', '/apps/bad-tls/sni-endpoints', { certificate_chain: 'hello', private_key: one.key });
  assert.equal(garbage.status, 422);
  assert.ok(!garbage.body.message.includes('PRIVATE'));
});
