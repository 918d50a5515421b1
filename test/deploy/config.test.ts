import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadDeployConfig, parseDeployConfig } from '../../src/deploy/config.js';
import { InputError } from '../../src/core/errors.js';
import { tempDir } from './helpers/git-repo.js';

describe('deploy config', () => {
  it('defaults to the production branch, / and /health, when there is no .implanta.json', () => {
    const config = loadDeployConfig(tempDir());
    assert.equal(config.branch, 'production');
    assert.equal(config.healthPath, '/health');
    assert.deepEqual(config.smoke.paths, [
      { path: '/', status: 200 },
      { path: '/health', status: 200 },
    ]);
    assert.equal(config.smoke.followRedirects, false);
    assert.equal(config.testCommand, undefined);
    assert.equal(config.file, undefined);
  });

  it('reads every documented key', () => {
    const dir = tempDir();
    const raw = {
      test_command: 'python manage.py test --parallel 2',
      branch: 'release',
      health_path: '/up',
      lock_timeout_minutes: 10,
      watch_seconds: 0,
      smoke: { paths: [{ path: '/', status: 200, contains: 'Hollow' }, { path: '/admin/', status: 302 }], host: 'www.example.com', follow_redirects: true, max_ms: 800 },
    };
    writeFileSync(join(dir, '.implanta.json'), JSON.stringify(raw));
    const config = loadDeployConfig(dir);
    assert.equal(config.testCommand, raw.test_command);
    assert.equal(config.branch, 'release');
    assert.equal(config.healthPath, '/up');
    assert.equal(config.lockTimeoutMinutes, 10);
    assert.equal(config.watchSeconds, 0);
    assert.deepEqual(config.smoke, { paths: raw.smoke.paths, host: 'www.example.com', followRedirects: true, maxMs: 800 });
    assert.equal(config.file, join(dir, '.implanta.json'));
  });

  it('watches a release for 60 s unless watch_seconds says otherwise', () => {
    assert.equal(parseDeployConfig({}, 'f').watchSeconds, 60);
    assert.equal(parseDeployConfig({ watch_seconds: 15 }, 'f').watchSeconds, 15);
  });

  it('uses the configured health path among the default smoke paths', () => {
    assert.deepEqual(parseDeployConfig({ health_path: '/healthz' }, 'f').smoke.paths.map((p) => p.path), ['/', '/healthz']);
  });

  const invalid: [string, unknown, RegExp][] = [
    ['a list instead of an object', [], /the file must be a JSON object/],
    ['an unknown key (a typo)', { brnach: 'x' }, /unknown key brnach/],
    ['an unknown smoke key', { smoke: { timeout: 3 } }, /unknown key smoke\.timeout/],
    ['a branch that is not a string', { branch: 3 }, /branch must be a non-empty string/],
    ['a health path without a slash', { health_path: 'health' }, /health_path must start with \//],
    ['an empty smoke path list', { smoke: { paths: [] } }, /smoke\.paths must be a non-empty list/],
    ['a smoke path without path', { smoke: { paths: [{ status: 200 }] } }, /smoke\.paths\[0\]\.path is required/],
    ['a status that is not HTTP', { smoke: { paths: [{ path: '/', status: 700 }] } }, /smoke\.paths\[0\]\.status must be an HTTP status/],
    ['follow_redirects as a string', { smoke: { follow_redirects: 'yes' } }, /smoke\.follow_redirects must be true or false/],
    ['a negative watch', { watch_seconds: -5 }, /watch_seconds must be a number of seconds, 0 or more/],
    ['a negative lock timeout', { lock_timeout_minutes: -1 }, /lock_timeout_minutes must be a positive number/],
  ];
  for (const [what, raw, message] of invalid) {
    it(`rejects ${what}, naming the file`, () => {
      assert.throws(
        () => parseDeployConfig(raw, '/repo/.implanta.json'),
        (error: unknown) => error instanceof InputError && message.test(error.message) && error.message.startsWith('/repo/.implanta.json: '),
      );
    });
  }

  it('reports malformed JSON with the file and line', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.implanta.json'), '{\n  "branch": "production",\n  "smoke": {,}\n}\n');
    assert.throws(
      () => loadDeployConfig(dir),
      (error: unknown) => error instanceof InputError && error.message === `${join(dir, '.implanta.json')}:3:13: not valid JSON`,
    );
  });
});
