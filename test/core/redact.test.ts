/**
 * Which values are secrets, and where they are masked (docs/secrets.md). Each decision has its case:
 * short values, numbers and plain words are never masked (they would rewrite ordinary text such as
 * `hollow/settings.py`); everything else given as a config var is masked in message text, and never in
 * a file path, a line number, a rule ID or a message ID.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isMaskable, Redactor, secretParts } from '../../src/core/redact.js';
import { secretValues } from '../../src/check/secrets.js';

test('short values, numbers and plain words are not secrets worth masking', () => {
  for (const value of ['1', 'on', 'true', 'False', 'yes', 'none', '5432', '600000', '0.25', '-1', 'settings', 'production', 'postgres', 'staticfiles', 'INFO']) {
    assert.equal(isMaskable(value), false, value);
  }
});

test('anything with a digit, a symbol or past twelve letters is masked', () => {
  for (const value of ['hunter2', 'abc123', 'Zx9-pw-secret-42', 'settings.py', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'correcthorsebatterystaple', 'two words']) {
    assert.equal(isMaskable(value), true, value);
  }
});

test('every config var is a secret except the names that only name things', () => {
  const values = secretValues({ SECRET_KEY: 'k-3x!9q', SENTRY_DSN: 'https://abc123@o1.ingest.sentry.io/4', DJANGO_SETTINGS_MODULE: 'hollow.settings_prod', ALLOWED_HOSTS: 'hollow-app.herokuapp.com' });
  const redactor = new Redactor(values);
  assert.equal(redactor.redact('k-3x!9q and https://abc123@o1.ingest.sentry.io/4'), '[redacted] and [redacted]');
  assert.equal(redactor.redact('loads hollow.settings_prod on hollow-app.herokuapp.com'), 'loads hollow.settings_prod on hollow-app.herokuapp.com');
});

test('a URL password is masked on its own when it is maskable by itself', () => {
  const generated = new Redactor(secretParts('postgres://u:Zx9-pw-secret-42@db.internal:5432/app'));
  assert.equal(generated.redact('FATAL: password Zx9-pw-secret-42 rejected'), 'FATAL: password [redacted] rejected');
  assert.equal(generated.redact('postgres://other:Zx9-pw-secret-42@elsewhere/db'), 'postgres://other:[redacted]@elsewhere/db');
  const encoded = new Redactor(secretParts('postgres://u:p%40ss-w0rd@h/db'));
  assert.equal(encoded.redact('p@ss-w0rd and p%40ss-w0rd'), '[redacted] and [redacted]');
  // A hand-made word is masked only inside its URL: `implanta` is also the tool's name.
  const laptop = new Redactor(secretParts('postgres://implanta:implanta@127.0.0.1/db'));
  assert.equal(laptop.redact('implanta check: postgres://implanta:implanta@127.0.0.1/db'), 'implanta check: [redacted]');
  assert.deepEqual(secretParts('postgres://u:%E0%A4%A@h/db').length, 3, 'a malformed escape does not throw');
});

test('messages are masked; file paths, lines, rule IDs and message IDs never are', () => {
  const redactor = new Redactor(['settings.py', 'codebase.required-env', 'unset-9']);
  const finding = {
    rule: 'codebase.required-env',
    message_id: 'required-unset',
    message: 'settings read SECRET_KEY (hollow/settings.py:17), unset-9',
    hint: 'see hollow/settings.py',
    source: 'os.environ at hollow/settings.py',
    file: 'hollow/settings.py',
    line: 17,
    docs: 'https://example.org/settings.py',
  };
  const report = redactor.redactMessages({ project: { root: '/src/settings.py', settings_module: 'settings.py' }, findings: [finding], skipped: [{ rule: 'x', reason: 'no settings.py' }] });
  assert.deepEqual(report.findings[0], {
    ...finding,
    message: 'settings read SECRET_KEY (hollow/[redacted]:17), [redacted]',
    hint: 'see hollow/[redacted]',
    source: 'os.environ at hollow/[redacted]',
  });
  assert.deepEqual(report.project, { root: '/src/settings.py', settings_module: 'settings.py' });
  assert.equal(report.skipped[0]!.reason, 'no [redacted]');
});
