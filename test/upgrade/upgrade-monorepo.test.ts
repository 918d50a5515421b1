/**
 * `implanta upgrade` in a monorepo: manage.py in backend/, requirements.txt and .python-version at the
 * top of the repository, which is what Heroku builds. The upgrade edits the files Heroku reads, names
 * them from manage.py's folder as `implanta check` does (`../requirements.txt`), and its own check runs
 * as `implanta check` on the same folder does. The ordinary layout and a site deployed from its own
 * folder (nothing at the top) edit the files next to manage.py. What the user types (`git commit …`) is
 * named from the folder they ran implanta in, and the diff names files as git does, from the repository's top.
 */
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeServer } from '../versions/helpers/fake-indexes.js';
import { fakePypiWithMetadata } from './helpers/fake-pypi.js';
import { git, gitInit, hollowCopy, monorepoCopy, read } from './helpers/hollow.js';
import { implanta } from './helpers/cli.js';

let pypi: FakeServer;
before(async () => {
  pypi = await fakePypiWithMetadata({
    django: { '5.2.8': { requires_python: '>=3.10' }, '5.2.9': { requires_python: '>=3.10' } },
    gunicorn: { '23.0.0': { requires_python: '>=3.7' } },
    whitenoise: { '6.8.2': { requires_python: '>=3.9' } },
    'dj-database-url': { '2.3.0': { requires_python: '>=3.9' } },
    psycopg2: { '2.9.10': { requires_python: '>=3.8' } },
  });
});
after(() => pypi.close());

const upgrade = (what: string, dir: string, ...args: string[]) => implanta(['upgrade', what, dir, '--pypi-url', pypi.url, '--test-command', 'true', ...args]);
/** The same, run in `cwd`, as a user in that folder runs it. */
const upgradeIn = (cwd: string, what: string, dir: string, ...args: string[]) => implanta(['upgrade', what, dir, '--pypi-url', pypi.url, '--test-command', 'true', ...args], {}, cwd);

/** The `git commit …` the text report tells the user to type when the upgrade is not committed. */
function commitHint(stdout: string): string {
  const hint = /not committed: review, then `([^`]+)`/.exec(stdout);
  assert.ok(hint, stdout);
  return hint[1]!;
}

/** Types `command` in `cwd`, as the user would. */
function type(cwd: string, command: string): void {
  execFileSync('sh', ['-c', `${command} -q -m 'the upgrade'`], { cwd, stdio: 'pipe', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });
}

/** The "Checks:" line's counts, as `implanta check DIR` counts the same project. */
async function checkCounts(dir: string): Promise<string> {
  const run = await implanta(['check', dir, '--format', 'json']);
  const { counts } = JSON.parse(run.stdout) as { counts: Record<'error' | 'warning' | 'info', number> };
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info`;
}

const ROOT_FILES = ['requirements.txt', '.python-version', 'app.json', 'Procfile'];

test('monorepo: Django is bumped in the requirements.txt at the top, named ../requirements.txt, and checked as `implanta check` checks the top', async () => {
  const { top, backend } = monorepoCopy(ROOT_FILES);
  const original = read(top, 'requirements.txt').toString();
  const run = await upgrade('django', top, '--to', '5.2.9');
  assert.equal(run.code, 0, run.stderr);
  assert.equal(read(top, 'requirements.txt').toString(), original.replace('Django==5.2.8', 'Django==5.2.9'));
  assert.equal(existsSync(join(backend, 'requirements.txt')), false, 'nothing written next to manage.py');
  assert.match(run.stdout, /^Upgrade Django 5\.2\.8 → 5\.2\.9 \(\.\.\/requirements\.txt:1\)$/m);
  // Not in git: the diff names the file from the top of what Heroku builds, not `a/../requirements.txt`.
  assert.match(run.stdout, /^--- a\/requirements\.txt\n\+\+\+ b\/requirements\.txt\n@@ -1,4 \+1,4 @@\n-Django==5\.2\.8\n\+Django==5\.2\.9$/m);
  // The upgrade's check read the top's requirements, as the check of the top does (no "no dependency file").
  const counts = await checkCounts(top);
  assert.match(run.stdout, new RegExp(`^Checks: ${counts} \\(before the edit: ${counts}\\); nothing new at warning or above$`, 'm'));
});

test('monorepo: the .python-version at the top moves, none is created next to manage.py, and --commit commits the top one', async () => {
  const { top, backend } = monorepoCopy(ROOT_FILES);
  gitInit(top);
  const run = await upgrade('python', top, '--to', '3.13', '--commit');
  assert.equal(run.code, 0, run.stderr);
  assert.equal(read(top, '.python-version').toString(), '3.13\n');
  assert.equal(existsSync(join(backend, '.python-version')), false);
  assert.match(run.stdout, /^Upgrade Python 3\.12 → 3\.13 \(\.\.\/\.python-version:1\)$/m);
  assert.equal(git(top, 'show', '--name-only', '--format=', 'HEAD'), '.python-version');
  assert.equal(git(top, 'status', '--porcelain'), '');
});

test('monorepo: a runtime.txt at the top is edited there; the note names it as check does, and the command to move it from where the user is', async () => {
  const { top } = monorepoCopy(ROOT_FILES);
  rmSync(join(top, '.python-version'));
  writeFileSync(join(top, 'runtime.txt'), 'python-3.12.4\n');
  gitInit(top);
  const run = await upgradeIn(top, 'python', '.', '--to', '3.13');
  assert.equal(run.code, 0, run.stderr);
  assert.equal(read(top, 'runtime.txt').toString(), 'python-3.13\n');
  assert.match(run.stdout, /\.\.\/runtime\.txt is deprecated on Heroku: move to \.python-version \(`echo 3\.13 > \.python-version && git rm runtime\.txt`\)/);
});

test('monorepo in git, run from the top: the diff names a/requirements.txt as git does, and the git commit it says to type commits it there', async () => {
  const { top } = monorepoCopy(ROOT_FILES);
  gitInit(top);
  const run = await upgradeIn(top, 'django', '.', '--to', '5.2.9');
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^Upgrade Django 5\.2\.8 → 5\.2\.9 \(\.\.\/requirements\.txt:1\)$/m, 'named as check names it');
  const printed = run.stdout.match(/^--- .*\n\+\+\+ .*$/m)?.[0];
  assert.equal(printed, '--- a/requirements.txt\n+++ b/requirements.txt');
  assert.equal(commitHint(run.stdout), 'git commit requirements.txt');
  type(top, commitHint(run.stdout));
  assert.equal(git(top, 'show', '--name-only', '--format=', 'HEAD'), 'requirements.txt');
  assert.equal(git(top, 'status', '--porcelain'), '');
  // The headers are the ones git prints for the same change.
  assert.equal(git(top, 'diff', 'HEAD~1', 'HEAD').match(/^--- .*\n\+\+\+ .*$/m)?.[0], printed);
});

test('monorepo in git, run from backend/ or from outside the repository: the git commit it says to type works where it was run', async () => {
  const fromBackend = monorepoCopy(ROOT_FILES);
  gitInit(fromBackend.top);
  const inBackend = await upgradeIn(fromBackend.backend, 'django', '..', '--to', '5.2.9');
  assert.equal(inBackend.code, 0, inBackend.stderr);
  assert.equal(commitHint(inBackend.stdout), 'git commit ../requirements.txt');
  assert.match(inBackend.stdout, /^--- a\/requirements\.txt$/m);
  type(fromBackend.backend, commitHint(inBackend.stdout));
  assert.equal(git(fromBackend.top, 'show', '--name-only', '--format=', 'HEAD'), 'requirements.txt');

  // From the folder beside the repository (a dry run with --commit says the same command).
  const outside = monorepoCopy(ROOT_FILES);
  gitInit(outside.top);
  const dry = await upgradeIn(outside.outside, 'django', 'repo', '--to', '5.2.9', '--dry-run', '--commit');
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^ {2}- git -C repo commit requirements\.txt -m "Upgrade Django 5\.2\.8 → 5\.2\.9 \(implanta upgrade\)"$/m);
  const run = await upgradeIn(outside.outside, 'django', 'repo', '--to', '5.2.9');
  assert.equal(run.code, 0, run.stderr);
  assert.equal(commitHint(run.stdout), 'git -C repo commit requirements.txt');
  type(outside.outside, commitHint(run.stdout));
  assert.equal(git(outside.top, 'show', '--name-only', '--format=', 'HEAD'), 'requirements.txt');
  assert.equal(git(outside.top, 'status', '--porcelain'), '');
});

test('monorepo with nothing at the top: the site is deployed from its own folder, so the files next to manage.py are edited', async () => {
  const { top, backend } = monorepoCopy([]);
  gitInit(top);
  const run = await upgradeIn(top, 'django', '.', '--to', '5.2.9');
  assert.equal(run.code, 0, run.stderr);
  assert.match(read(backend, 'requirements.txt').toString(), /^Django==5\.2\.9$/m);
  assert.equal(existsSync(join(top, 'requirements.txt')), false);
  assert.match(run.stdout, /^Upgrade Django 5\.2\.8 → 5\.2\.9 \(requirements\.txt:1\)$/m);
  // git names it from the repository's top, and so does the command typed there.
  assert.match(run.stdout, /^--- a\/backend\/requirements\.txt\n\+\+\+ b\/backend\/requirements\.txt$/m);
  assert.equal(commitHint(run.stdout), 'git commit backend/requirements.txt');
});

test('the ordinary layout: the files next to manage.py, named as they are', async () => {
  const { root } = hollowCopy();
  const run = await upgrade('django', root, '--to', '5.2.9');
  assert.equal(run.code, 0, run.stderr);
  assert.match(read(root, 'requirements.txt').toString(), /^Django==5\.2\.9$/m);
  assert.match(run.stdout, /^Upgrade Django 5\.2\.8 → 5\.2\.9 \(requirements\.txt:1\)$/m);
  assert.match(run.stdout, /^--- a\/requirements\.txt\n\+\+\+ b\/requirements\.txt$/m);
  const counts = await checkCounts(root);
  assert.match(run.stdout, new RegExp(`^Checks: ${counts} \\(before the edit: ${counts}\\)`, 'm'));
});
