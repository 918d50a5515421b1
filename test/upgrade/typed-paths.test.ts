/**
 * The commands implanta upgrade tells the user to type, typed into a real shell where they ran it: the
 * paths must reach the same files from there, whatever folder that is and whatever the names hold.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffName, gitCommand, typedPath } from '../../src/upgrade/typed-paths.js';
import { git, gitInit, tempDir } from './helpers/hollow.js';

/** A repository `my repo` (a space in its name) with requirements.txt at its top and manage.py in `it's/app`, both then edited. */
function repo(): { base: string; top: string; app: string; files: string[] } {
  const base = tempDir('implanta-typed-');
  const top = join(base, 'my repo');
  const app = join(top, "it's", 'app');
  mkdirSync(app, { recursive: true });
  writeFileSync(join(top, 'requirements.txt'), 'Django==5.2.8\n');
  writeFileSync(join(app, 'manage.py'), '');
  gitInit(top);
  writeFileSync(join(top, 'requirements.txt'), 'Django==5.2.9\n');
  writeFileSync(join(app, 'manage.py'), '# edited\n');
  return { base, top, app, files: [join(top, 'requirements.txt'), join(app, 'manage.py')] };
}

/** Types `command` (a git commit) in `cwd`, as the user would, and says what the new commit holds. */
function typeCommit(top: string, cwd: string, command: string): string[] {
  execFileSync('sh', ['-c', `${command} -q -m upgrade`], { cwd, stdio: 'pipe', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });
  assert.equal(git(top, 'status', '--porcelain'), '');
  return git(top, 'show', '--name-only', '--format=', 'HEAD').split('\n').sort();
}

const COMMITTED = ["it's/app/manage.py", 'requirements.txt'];

test('typed at the top: names from there, quoted where the shell would split them', () => {
  const { top, files } = repo();
  const command = gitCommand({ cwd: top, top }, 'commit', files);
  assert.equal(command, "git commit requirements.txt 'it'\\''s/app/manage.py'");
  assert.deepEqual(typeCommit(top, top, command), COMMITTED);
});

test("typed in manage.py's folder: names climb to the top's files", () => {
  const { top, app, files } = repo();
  const command = gitCommand({ cwd: app, top }, 'commit', files);
  assert.equal(command, 'git commit ../../requirements.txt manage.py');
  assert.deepEqual(typeCommit(top, app, command), COMMITTED);
});

test('typed outside the work tree: git -C the top, with the names git uses there', () => {
  const { base, top, files } = repo();
  const command = gitCommand({ cwd: base, top }, 'commit', files);
  assert.equal(command, "git -C 'my repo' commit requirements.txt 'it'\\''s/app/manage.py'");
  assert.deepEqual(typeCommit(top, base, command), COMMITTED);
});

test('a path far from the working directory (another tree: this checkout, the repository under /tmp) is typed whole rather than climbed to', () => {
  const { top } = repo();
  assert.equal(typedPath(join(top, 'requirements.txt'), import.meta.dirname), `'${top}/requirements.txt'`);
  assert.equal(typedPath(top, top), '.');
});

test('diff headers name files from the top of the work tree, or from the build root outside git', () => {
  const { top, app } = repo();
  assert.equal(diffName(join(app, 'manage.py'), top, app), "it's/app/manage.py");
  assert.equal(diffName(join(app, 'manage.py'), undefined, app), 'manage.py');
});
