import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runUpgrade } from '../../src/upgrade/run-upgrade.js';
import type { UpgradeOptions } from '../../src/upgrade/options.js';
import type { FakeServer } from '../versions/helpers/fake-indexes.js';
import { fakePypiWithMetadata, type FakeIndex } from './helpers/fake-pypi.js';
import { hollowCopy, hollowDatabase, read, snapshot, tempDir } from './helpers/hollow.js';
import { implanta } from './helpers/cli.js';

const TODAY = new Date('2026-11-27T12:00:00Z');
const DJANGO_5 = { requires_dist: ['asgiref>=3.7.0', 'sqlparse>=0.3.1', 'tzdata; sys_platform == "win32"', 'argon2-cffi>=19.1.0; extra == "argon2"'], requires_python: '>=3.10' };
const DJANGO_6 = { requires_dist: ['asgiref>=3.9.1', 'sqlparse>=0.5.0'], requires_python: '>=3.12' };

/** Release metadata shaped like PyPI's; whitenoise 6.8.2 here caps Django below 6 so the default target has a pin to respect. */
const INDEX: FakeIndex = {
  django: { '5.2.7': DJANGO_5, '5.2.8': DJANGO_5, '5.2.9': DJANGO_5, '5.2.10': { ...DJANGO_5, yanked: true }, '6.0': DJANGO_6, '6.0.1': DJANGO_6, '6.1a1': DJANGO_6 },
  gunicorn: { '23.0.0': { requires_dist: ['packaging'], requires_python: '>=3.7' } },
  whitenoise: {
    '6.8.2': { requires_dist: ['Django<6.0,>=4.2', 'brotli; extra == "brotli"'], requires_python: '>=3.9' },
    '6.9.0': { requires_dist: ['Django>=4.2'], requires_python: '>=3.9' },
    '7.0.0': { requires_dist: ['Django>=5.2'], requires_python: '>=3.13' },
  },
  'dj-database-url': { '2.3.0': { requires_dist: ['Django>=4.2'], requires_python: '>=3.9' } },
  psycopg2: { '2.9.10': { requires_python: '>=3.8' } },
  asgiref: { '3.7.2': {}, '3.9.1': {} },
};

const HOLLOW_FILES = ['requirements.txt', '.python-version', 'hollow/settings.py'];

let pypi: FakeServer;
before(async () => {
  pypi = await fakePypiWithMetadata(INDEX);
});
after(() => pypi.close());

function options(root: string, more: Partial<UpgradeOptions>): UpgradeOptions {
  return { what: 'django', dir: root, pypiUrl: pypi.url, cacheDir: tempDir('implanta-cache-'), today: TODAY, ...more };
}

test('Django moves to the newest release the other pins allow, and the real tests pass against the edit', async (t) => {
  const { root, outside } = hollowCopy();
  const db = hollowDatabase(outside, 'bump');
  t.after(db.drop);
  const original = read(root, 'requirements.txt').toString();

  const outcome = await runUpgrade(options(root, { python: '/usr/bin/python3', envFile: db.envFile }));

  assert.equal(outcome.status, 'upgraded', JSON.stringify(outcome.tests));
  assert.equal(outcome.from, '5.2.8');
  assert.equal(outcome.to, '5.2.9', 'Django 6.0.1 is newer, but the whitenoise pin rules it out; 5.2.10 is yanked');
  assert.equal(read(root, 'requirements.txt').toString(), original.replace('Django==5.2.8', 'Django==5.2.9'));
  assert.ok(outcome.notes.some((n) => n.includes('Django 6.0.1 left out') && n.includes('requirements.txt:3 pins whitenoise==6.8.2')), outcome.notes.join('\n'));
  assert.equal(outcome.tests?.passed, true);
  assert.match(outcome.tests!.command, /manage\.py test$/);
  assert.ok(outcome.notes.some((n) => /^tests ran with installed Django \d+\.\d+.* not the new pin 5\.2\.9/.test(n)), 'says the tests ran with another Django');
  assert.deepEqual(outcome.checks?.introduced, []);
  assert.match(outcome.diff, /^-Django==5\.2\.8\n\+Django==5\.2\.9$/m);
});

test('a target another pin does not allow is refused, naming the pin, and nothing is written', async () => {
  const { root } = hollowCopy();
  const untouched = snapshot(root, HOLLOW_FILES);
  const run = await implanta(['upgrade', 'django', root, '--to', '6.0.1', '--pypi-url', pypi.url, '--test-command', 'true']);
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stderr, /^implanta: Django 6\.0\.1 does not fit the project: requirements\.txt:3 pins whitenoise==6\.8\.2, which requires Django<6\.0,>=4\.2\n$/);
  assert.deepEqual(snapshot(root, HOLLOW_FILES), untouched);
});

test('a release that needs a newer Python than the declared one is skipped by default and refused with --to', async () => {
  const { root } = hollowCopy();
  const outcome = await runUpgrade(options(root, { what: 'whitenoise', testCommand: 'true' }));
  assert.equal(outcome.to, '6.9.0');
  assert.ok(outcome.notes.some((n) => n.includes('whitenoise 7.0.0 requires Python >=3.13, but .python-version:1 declares 3.12')), outcome.notes.join('\n'));
  const refused = await implanta(['upgrade', 'whitenoise', root, '--to', '7.0.0', '--pypi-url', pypi.url, '--test-command', 'true']);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /whitenoise 7\.0\.0 requires Python >=3\.13, but \.python-version:1 declares 3\.12/);
});

test('what the new release requires is held against the project\'s pins of its dependencies', async () => {
  const { root } = hollowCopy({ 'requirements.txt': 'Django==5.2.8\nasgiref==3.7.2\n' });
  const outcome = await runUpgrade(options(root, { to: '5.2.9', testCommand: 'true' }));
  assert.equal(outcome.status, 'upgraded');
  await assert.rejects(runUpgrade(options(root, { to: '6.0.1', testCommand: 'true' })), /Django 6\.0\.1 requires asgiref>=3\.9\.1, but requirements\.txt:2 pins asgiref==3\.7\.2/);
});

test('the pin is edited inside the -r file that declares it, comments, markers and CRLF endings kept', async () => {
  const base = '# The web framework\r\nDjango[argon2] == 5.2.8 ; python_version >= "3.10"  # LTS\r\ngunicorn==23.0.0\r\n';
  const { root } = hollowCopy({ 'requirements.txt': '-r requirements/base.txt\npsycopg2==2.9.10\n' });
  mkdirSync(join(root, 'requirements'));
  writeFileSync(join(root, 'requirements/base.txt'), base);
  const outcome = await runUpgrade(options(root, { to: '5.2.9', testCommand: 'true' }));
  assert.equal(outcome.status, 'upgraded');
  assert.deepEqual(outcome.places, ['requirements/base.txt:2']);
  assert.equal(read(root, 'requirements/base.txt').toString(), base.replace('== 5.2.8', '== 5.2.9'));
  assert.equal(read(root, 'requirements.txt').toString(), '-r requirements/base.txt\npsycopg2==2.9.10\n');
});

test('a pin in a -c constraints file is edited there, and the range that requires it stays', async () => {
  const { root } = hollowCopy({ 'requirements.txt': '-c constraints.txt\nDjango>=4.2\n', 'constraints.txt': 'Django==5.2.8  # pinned for every environment\n' });
  const outcome = await runUpgrade(options(root, { testCommand: 'true', lts: true }));
  assert.equal(outcome.to, '5.2.9');
  assert.equal(read(root, 'constraints.txt').toString(), 'Django==5.2.9  # pinned for every environment\n');
  assert.equal(read(root, 'requirements.txt').toString(), '-c constraints.txt\nDjango>=4.2\n');
});

test('pins with --hash values are refused with the command that regenerates them', async () => {
  const hashed = 'Django==5.2.8 \\\n    --hash=sha256:0000000000000000000000000000000000000000000000000000000000000000\n';
  const { root } = hollowCopy({ 'requirements.txt': hashed });
  const run = await implanta(['upgrade', 'django', root, '--to', '5.2.9', '--pypi-url', pypi.url]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /requirements\.txt:1: django is pinned with --hash values.*pip-compile --generate-hashes --upgrade-package django==5\.2\.9/);
  assert.equal(read(root, 'requirements.txt').toString(), hashed);
});

const locks: { file: string; content: string; command: RegExp }[] = [
  { file: 'Pipfile.lock', content: '{"_meta": {}, "default": {"django": {"version": "==5.2.8"}}, "develop": {}}', command: /pipenv update django/ },
  { file: 'poetry.lock', content: '[[package]]\nname = "django"\nversion = "5.2.8"\n', command: /poetry update django/ },
  { file: 'uv.lock', content: 'version = 1\n\n[[package]]\nname = "django"\nversion = "5.2.8"\n', command: /uv lock --upgrade-package django/ },
];

for (const { file, content, command } of locks) {
  test(`a ${file} is not edited: the lock tool's command is printed and the exit is 2`, async () => {
    const { root } = hollowCopy({ [file]: content, 'pyproject.toml': '[project]\nname = "hollow"\nversion = "1"\n' });
    // Heroku refuses a build with two package managers' files: the lock file is the only one.
    rmSync(join(root, 'requirements.txt'));
    const untouched = snapshot(root, [file]);
    const run = await implanta(['upgrade', 'django', root, '--pypi-url', pypi.url]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, command);
    assert.deepEqual(snapshot(root, [file]), untouched);
  });
}

test('failing tests restore the files byte for byte and exit 1; --keep leaves the edit', async () => {
  const { root } = hollowCopy();
  const untouched = snapshot(root, HOLLOW_FILES);
  const failed = await implanta(['upgrade', 'django', root, '--to', '5.2.9', '--pypi-url', pypi.url, '--test-command', 'echo 3 tests, 1 failure; exit 3']);
  assert.equal(failed.code, 1, failed.stderr);
  assert.match(failed.stdout, /Tests: {2}FAILED \(exit 3\)/);
  assert.match(failed.stdout, /3 tests, 1 failure/);
  assert.match(failed.stdout, /files are restored/);
  assert.deepEqual(snapshot(root, HOLLOW_FILES), untouched);

  const kept = await implanta(['upgrade', 'django', root, '--to', '5.2.9', '--pypi-url', pypi.url, '--test-command', 'exit 3', '--keep']);
  assert.equal(kept.code, 1);
  assert.match(read(root, 'requirements.txt').toString(), /^Django==5\.2\.9$/m);
});

test('--dry-run shows the target, the diff and the steps, and changes nothing', async () => {
  const { root } = hollowCopy();
  const untouched = snapshot(root, HOLLOW_FILES);
  const run = await implanta(['upgrade', 'django', root, '--lts', '--dry-run', '--pypi-url', pypi.url, '--test-command', 'true', '--format', 'json']);
  assert.equal(run.code, 0, run.stderr);
  const { upgrade } = JSON.parse(run.stdout);
  assert.equal(upgrade.status, 'planned');
  assert.equal(upgrade.to, '5.2.9');
  assert.match(upgrade.diff, /\+Django==5\.2\.9/);
  assert.ok(upgrade.wouldRun.some((s: string) => s.includes('run the tests: true')));
  assert.deepEqual(snapshot(root, HOLLOW_FILES), untouched);
});

test('the diff never shows an index URL token from the requirements file', async () => {
  const requirements = 'Django==5.2.8\n--extra-index-url https://deploy:tok-9x-secret@pypi.corp.example/simple/?key=qs-9x-secret\ngunicorn==23.0.0\nwhitenoise==6.8.2\ndj-database-url==2.3.0\npsycopg2==2.9.10\n';
  const { root } = hollowCopy({ 'requirements.txt': requirements });
  const run = await implanta(['upgrade', 'django', root, '--to', '5.2.9', '--dry-run', '--pypi-url', pypi.url, '--test-command', 'true', '--format', 'json']);
  assert.equal(run.code, 0, run.stderr);
  const { upgrade } = JSON.parse(run.stdout);
  assert.match(upgrade.diff, /^-Django==5\.2\.8\n\+Django==5\.2\.9\n --extra-index-url \*\*\*$/m);
  assert.doesNotMatch(run.stdout + run.stderr, /9x-secret/);
  assert.equal(read(root, 'requirements.txt').toString(), requirements, 'the file itself is untouched');
});

const explicit: { to: string; code: number; says: RegExp }[] = [
  { to: '5.2.8', code: 0, says: /already pinned to 5\.2\.8: nothing to upgrade/ },
  { to: '5.2.7', code: 2, says: /older than the pinned Django 5\.2\.8: implanta upgrade does not downgrade/ },
  { to: '5.2.10', code: 2, says: /no installable release 5\.2\.10 .*newest: 6\.0\.1/ },
  { to: 'five', code: 2, says: /--to five: not a version/ },
];

for (const { to, code, says } of explicit) {
  test(`--to ${to}: exit ${code}`, async () => {
    const { root } = hollowCopy();
    const run = await implanta(['upgrade', 'django', root, '--to', to, '--pypi-url', pypi.url, '--test-command', 'true']);
    assert.equal(run.code, code, run.stderr);
    assert.match(run.stdout + run.stderr, says);
  });
}

test('PyPI out of reach: exit 3 naming it; offline without a cached answer: exit 2 asking for --to', async () => {
  const { root } = hollowCopy();
  const closed = await fakePypiWithMetadata({});
  await closed.close();
  const down = await implanta(['upgrade', 'django', root, '--pypi-url', closed.url, '--test-command', 'true']);
  assert.equal(down.code, 3);
  assert.equal(down.stderr, `implanta: cannot choose a Django version: PyPI not reachable at ${closed.url}/pypi/django/json: ECONNREFUSED\n`);
  const offline = await implanta(['upgrade', 'django', root, '--offline', '--test-command', 'true']);
  assert.equal(offline.code, 2);
  assert.match(offline.stderr, /pass --to VERSION/);
});

test('offline, the releases and metadata cached by an earlier run still name the conflict, without a request', async () => {
  const { root } = hollowCopy();
  const cached = options(root, { to: '6.0.1', testCommand: 'true' });
  const conflict = /requirements\.txt:3 pins whitenoise==6\.8\.2, which requires Django<6\.0,>=4\.2/;
  await assert.rejects(runUpgrade(cached), conflict);
  const seen = pypi.requests.length;
  await assert.rejects(runUpgrade({ ...cached, offline: true }), conflict);
  assert.equal(pypi.requests.length, seen, 'no request went out');
});

test('.implanta.json test_command runs the tests when no --test-command is given; the env file\'s secrets never show', async () => {
  const { root, outside } = hollowCopy({ '.implanta.json': '{"test_command": "echo using $SECRET_KEY; exit 4"}' });
  const envFile = join(outside, 'secrets.env');
  writeFileSync(envFile, 'SECRET_KEY=never-print-this-value-9d1c\n');
  const run = await implanta(['upgrade', 'django', root, '--to', '5.2.9', '--pypi-url', pypi.url, '--env-file', envFile]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stdout, /FAILED \(exit 4\): echo using \$SECRET_KEY; exit 4 \(test_command in \.implanta\.json\)/);
  assert.match(run.stdout, /using \[redacted\]/);
  assert.doesNotMatch(run.stdout + run.stderr, /never-print-this-value/);
});
