import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectedHeaders } from '../../src/deploy/expected-headers.js';
import { PyTuple, Unknown, type PyValue } from '../../src/project/python-value.js';

const SECURITY = 'django.middleware.security.SecurityMiddleware';
const CLICKJACKING = 'django.middleware.clickjacking.XFrameOptionsMiddleware';

function from(values: Record<string, PyValue>) {
  const defaults: Record<string, PyValue> = {
    MIDDLEWARE: [SECURITY, CLICKJACKING],
    SECURE_HSTS_SECONDS: 0,
    SECURE_HSTS_INCLUDE_SUBDOMAINS: false,
    SECURE_HSTS_PRELOAD: false,
    SECURE_CONTENT_TYPE_NOSNIFF: true,
    SECURE_REFERRER_POLICY: 'same-origin',
    SECURE_SSL_REDIRECT: false,
    X_FRAME_OPTIONS: 'DENY',
  };
  return expectedHeaders((name) => (name in values ? values[name]! : (defaults[name] ?? null)));
}

describe('expectedHeaders', () => {
  it("expects Django's defaults with both middlewares on", () => {
    assert.deepEqual(from({}), { nosniff: true, referrerPolicy: 'same-origin', xFrameOptions: 'DENY' });
  });

  it('expects HSTS and the https redirect when the settings ask for them', () => {
    const expected = from({ SECURE_HSTS_SECONDS: 31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS: true, SECURE_SSL_REDIRECT: true });
    assert.deepEqual(expected.hsts, { seconds: 31536000, includeSubdomains: true, preload: false });
    assert.equal(expected.httpsRedirect, true);
  });

  it('expects nothing of SecurityMiddleware when it is not installed', () => {
    assert.deepEqual(from({ MIDDLEWARE: [CLICKJACKING], SECURE_HSTS_SECONDS: 3600, SECURE_SSL_REDIRECT: true }), { xFrameOptions: 'DENY' });
  });

  it('joins a referrer policy given as a sequence, as Django writes it', () => {
    assert.equal(from({ SECURE_REFERRER_POLICY: new PyTuple(['origin', 'strict-origin']) }).referrerPolicy, 'origin,strict-origin');
  });

  it('expects nothing it cannot know', () => {
    const unknown = new Unknown('reads os.environ');
    const expected = from({ SECURE_HSTS_SECONDS: unknown, SECURE_SSL_REDIRECT: unknown, X_FRAME_OPTIONS: unknown });
    assert.equal(expected.hsts, undefined);
    assert.equal(expected.httpsRedirect, undefined);
    assert.equal(expected.xFrameOptions, undefined);
  });
});
