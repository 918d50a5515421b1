import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeServer } from '../versions/helpers/fake-indexes.js';
import { fakePypiWithMetadata } from './helpers/fake-pypi.js';
import { hollowCopy, read, snapshot } from './helpers/hollow.js';
import { implanta } from './helpers/cli.js';

let pypi: FakeServer;
before(async () => {
  pypi = await fakePypiWithMetadata({
    django: { '4.2.7': { requires_python: '>=3.8' }, '5.2.8': { requires_python: '>=3.10' } },
    gunicorn: { '23.0.0': { requires_python: '>=3.7' } },
    whitenoise: { '6.8.2': { requires_python: '>=3.9' } },
    'dj-database-url': { '2.3.0': { requires_python: '>=3.9' } },
    psycopg2: { '2.9.10': { requires_python: '>=3.8' }, '2.9.9': { requires_python: '>=3.7,<3.13' } },
  });
});
after(() => pypi.close());

const upgradePython = (root: string, ...args: string[]) => implanta(['upgrade', 'python', root, '--pypi-url', pypi.url, '--test-command', 'true', ...args]);

test('.python-version gets the new version, comments kept, and the output says which Python the tests really ran', async () => {
  const { root } = hollowCopy({ '.python-version': '# Heroku reads this\n3.12\n' });
  const run = await upgradePython(root, '--to', '3.13', '--python', '/usr/bin/python3');
  assert.equal(run.code, 0, run.stderr);
  assert.equal(read(root, '.python-version').toString(), '# Heroku reads this\n3.13\n');
  assert.match(run.stdout, /^Upgrade Python 3\.12 → 3\.13 \(\.python-version:2\)$/m);
  assert.match(run.stdout, /^-3\.12\n\+3\.13$/m);
  assert.match(run.stdout, /tests ran with Python 3\.\d+\.\d+ \(\/usr\/bin\/python3\), not 3\.13/);
});

test('the default target is the newest series Heroku builds that the pinned Django supports', async () => {
  const { root } = hollowCopy({ 'requirements.txt': 'Django==4.2.7\n', '.python-version': '3.10\n' });
  const run = await upgradePython(root);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(read(root, '.python-version').toString(), '3.12\n', 'Django 4.2 supports Python up to 3.12');
});

test('a Python the pinned Django does not support is refused, naming the pin', async () => {
  const { root } = hollowCopy({ 'requirements.txt': 'Django==4.2.7\n' });
  const run = await upgradePython(root, '--to', '3.13');
  assert.equal(run.code, 2);
  assert.equal(run.stderr, 'implanta: --to 3.13: requirements.txt:1 pins Django 4.2, which supports Python 3.8–3.12, not 3.13: upgrade Django first (`implanta upgrade django`)\n');
  assert.equal(read(root, '.python-version').toString(), '3.12\n');
});

test('a pinned release whose requires_python excludes the new Python is named', async () => {
  const { root } = hollowCopy({ 'requirements.txt': 'Django==5.2.8\npsycopg2==2.9.9\n' });
  const run = await upgradePython(root, '--to', '3.13');
  assert.equal(run.code, 2);
  assert.match(run.stderr, /Python 3\.13 does not fit the project: requirements\.txt:2 pins psycopg2==2\.9\.9, which requires Python >=3\.7,<3\.13/);
});

const refused: { to: string; says: RegExp }[] = [
  { to: '3.9', says: /Heroku's Python buildpack does not build Python 3\.9/ },
  { to: '3.11', says: /older than the declared Python 3\.12: implanta upgrade does not downgrade/ },
  { to: 'latest', says: /--to latest: not a Python version/ },
];

for (const { to, says } of refused) {
  test(`--to ${to} is refused`, async () => {
    const { root } = hollowCopy();
    const run = await upgradePython(root, '--to', to);
    assert.equal(run.code, 2);
    assert.match(run.stderr, says);
  });
}

test('runtime.txt is edited where Heroku reads it, with a note to move to .python-version', async () => {
  const { root } = hollowCopy({ 'runtime.txt': 'python-3.12.4\n' });
  rmSync(join(root, '.python-version'));
  const run = await upgradePython(root, '--to', '3.13');
  assert.equal(run.code, 0, run.stderr);
  assert.equal(read(root, 'runtime.txt').toString(), 'python-3.13\n');
  assert.match(run.stdout, /runtime\.txt is deprecated on Heroku: move to \.python-version/);
});

test('with no version declared, .python-version is created; when the tests fail it is removed again', async () => {
  const { root } = hollowCopy();
  rmSync(join(root, '.python-version'));
  const untouched = snapshot(root, ['requirements.txt']);
  const failed = await implanta(['upgrade', 'python', root, '--to', '3.13', '--pypi-url', pypi.url, '--test-command', 'exit 1']);
  assert.equal(failed.code, 1);
  assert.equal(existsSync(join(root, '.python-version')), false);
  assert.deepEqual(snapshot(root, ['requirements.txt']), untouched);
  const passed = await upgradePython(root, '--to', '3.13');
  assert.equal(passed.code, 0, passed.stderr);
  assert.equal(read(root, '.python-version').toString(), '3.13\n');
  assert.match(passed.stdout, /^\+\+\+ b\/\.python-version$/m);
});

test('a version Heroku read from Pipfile.lock is superseded by a new .python-version, the lock left to pipenv', async () => {
  const pin = (version: string) => ({ version: `==${version}`, hashes: [] });
  const lock = `${JSON.stringify({
    _meta: { hash: { sha256: 'e3b0c442' }, 'pipfile-spec': 6, requires: { python_version: '3.12' }, sources: [] },
    default: { django: pin('5.2.8'), gunicorn: pin('23.0.0'), whitenoise: pin('6.8.2'), 'dj-database-url': pin('2.3.0'), psycopg2: pin('2.9.10') },
    develop: {},
  }, null, 4)}\n`;
  const { root } = hollowCopy({ 'Pipfile.lock': lock, Pipfile: '[requires]\npython_version = "3.12"\n' });
  rmSync(join(root, '.python-version'));
  rmSync(join(root, 'requirements.txt'));
  const run = await upgradePython(root, '--to', '3.13');
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^Upgrade Python 3\.12 → 3\.13 \(\.python-version:1\)$/m);
  assert.equal(read(root, '.python-version').toString(), '3.13\n');
  assert.equal(read(root, 'Pipfile.lock').toString(), lock);
  assert.match(run.stdout, /Heroku read the Python version from Pipfile\.lock \(3\.12, line 8\); \.python-version now takes precedence: set python_version = "3\.13" under \[requires\] in the Pipfile and run `pipenv lock`/);
});
