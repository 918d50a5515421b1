import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseIndex, readGitIndexPaths } from '../../src/project/git-index.js';
import { gitTrackedFiles } from '../../src/project/discover.js';

// git itself is the oracle: every layout the reader follows must list exactly what `git ls-files` lists.
const made: string[] = [];
after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function repo(files: string[]): { root: string; git: (...args: string[]) => string } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'implanta-git-index-')));
  made.push(root);
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), `${file}\n`);
  }
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'init.defaultBranch=main', ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q');
  return { root, git };
}

function lsFiles(dir: string): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: dir, encoding: 'utf8' }).split('\0').filter((f) => f !== '');
}

const PROJECT = ['manage.py', 'web/settings.py', 'web/urls.py', 'pages/views.py', 'pages/templates/pages/home.html', 'Procfile', 'requirements.txt'];

test('a plain repository: every tracked file in the index order, untracked files left out', () => {
  const { root, git } = repo([...PROJECT, 'notes.txt']);
  git('add', ...PROJECT);
  git('commit', '-qm', 'first');
  const read = readGitIndexPaths(root);
  assert.deepEqual(read, lsFiles(root));
  assert.ok(Array.isArray(read) && !read.includes('notes.txt') && read.includes('pages/templates/pages/home.html'));
});

test('a project in a subfolder lists only its own files, relative to it', () => {
  const { root, git } = repo(['README.md', 'backend/manage.py', 'backend/site/settings.py', 'backend-tools/x.py', 'frontend/app.js']);
  git('add', '.');
  const read = readGitIndexPaths(join(root, 'backend'));
  assert.deepEqual(read, ['manage.py', 'site/settings.py']);
  assert.deepEqual(read, lsFiles(join(root, 'backend')));
});

test('index version 4 (prefix-compressed names) and version 3 (intent-to-add, skip-worktree) read like git', () => {
  for (const version of ['4', '3']) {
    const { root, git } = repo([...PROJECT, 'later.py']);
    git('add', ...PROJECT);
    git('add', '--intent-to-add', 'later.py');
    git('update-index', '--skip-worktree', 'web/urls.py');
    git('update-index', '--index-version', version);
    assert.equal(readFileSync(join(root, '.git/index')).readUInt32BE(4), Number(version));
    assert.deepEqual(readGitIndexPaths(root), lsFiles(root), `index version ${version}`);
    assert.deepEqual(readGitIndexPaths(join(root, 'pages')), lsFiles(join(root, 'pages')), `index version ${version}, subfolder`);
  }
});

test('names git stores oddly: non-ASCII, spaces, a name longer than the 12-bit length field', () => {
  // 4,507 bytes, so the length field says 0xFFF; too long for a real file, so only the index holds it.
  const long = `${'deep/'.repeat(900)}file.py`;
  const { root, git } = repo(['café/menú.py', 'with space.txt', 'z.py']);
  git('add', '.');
  const blob = execFileSync('git', ['hash-object', '-w', 'z.py'], { cwd: root, encoding: 'utf8' }).trim();
  git('update-index', '--add', '--cacheinfo', `100644,${blob},${long}`);
  const read = readGitIndexPaths(root);
  assert.deepEqual(read, lsFiles(root));
  assert.ok(Array.isArray(read) && read.includes(long) && read.includes('café/menú.py'));
});

test('a merge conflict lists the conflicted path once per stage, as git does', () => {
  const { root, git } = repo(['settings.py']);
  git('add', '.');
  git('commit', '-qm', 'base');
  git('checkout', '-qb', 'other');
  writeFileSync(join(root, 'settings.py'), 'DEBUG = False\n');
  git('commit', '-qam', 'other');
  git('checkout', '-q', 'main');
  writeFileSync(join(root, 'settings.py'), 'DEBUG = True\n');
  git('commit', '-qam', 'main');
  assert.throws(() => git('merge', '-q', 'other'));
  assert.ok(execFileSync('git', ['ls-files', '--stage'], { cwd: root, encoding: 'utf8' }).trim().split('\n').length >= 2, 'the index holds the conflict stages');
  assert.deepEqual(readGitIndexPaths(root), ['settings.py', 'settings.py', 'settings.py']);
  assert.deepEqual(readGitIndexPaths(root), lsFiles(root));
});

test('a linked worktree (a .git file naming its folder) reads its own index', () => {
  const { root, git } = repo(PROJECT);
  git('add', '.');
  git('commit', '-qm', 'first');
  const linked = join(root, '..', `${root.split('/').at(-1)}-linked`);
  made.push(linked);
  git('worktree', 'add', '-q', linked);
  writeFileSync(join(linked, 'extra.py'), '');
  execFileSync('git', ['add', 'extra.py'], { cwd: linked });
  assert.deepEqual(readGitIndexPaths(linked), lsFiles(linked));
  assert.ok((readGitIndexPaths(linked) as string[]).includes('extra.py'));
  assert.ok(!(readGitIndexPaths(root) as string[]).includes('extra.py'));
});

test('a submodule is listed as one path, as git lists it', () => {
  const inner = repo(['lib.py']);
  inner.git('add', '.');
  inner.git('commit', '-qm', 'inner');
  const { root, git } = repo(PROJECT);
  git('add', '.');
  git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', inner.root, 'vendor/lib');
  const read = readGitIndexPaths(root);
  assert.deepEqual(read, lsFiles(root));
  assert.ok(Array.isArray(read) && read.includes('vendor/lib') && read.includes('.gitmodules'));
});

test('no index yet lists nothing; outside any repository is undefined', () => {
  const { root } = repo(PROJECT);
  assert.deepEqual(readGitIndexPaths(root), []);
  assert.deepEqual(lsFiles(root), []);
  const outside = realpathSync(mkdtempSync(join(tmpdir(), 'implanta-no-git-')));
  made.push(outside);
  // tmpdir() may itself sit in a repository on some machines: only assert when git agrees there is none.
  let inRepo = true;
  try {
    execFileSync('git', ['rev-parse'], { cwd: outside, stdio: 'ignore' });
  } catch {
    inRepo = false;
  }
  if (!inRepo) assert.equal(readGitIndexPaths(outside), undefined);
});

test('layouts the reader leaves to git (split index, GIT_DIR) still give git\'s answer', async () => {
  const { root, git } = repo(PROJECT);
  git('add', '.');
  git('update-index', '--split-index');
  assert.equal(readGitIndexPaths(root), 'ask-git');
  assert.deepEqual(await gitTrackedFiles(root), lsFiles(root));
  const saved = process.env.GIT_DIR;
  process.env.GIT_DIR = join(root, '.git');
  try {
    assert.equal(readGitIndexPaths(root), 'ask-git');
  } finally {
    if (saved === undefined) delete process.env.GIT_DIR;
    else process.env.GIT_DIR = saved;
  }
});

test('a damaged index is not guessed at', () => {
  const { root, git } = repo(PROJECT);
  git('add', '.');
  const index = readFileSync(join(root, '.git/index'));
  assert.equal(parseIndex(index.subarray(0, 100)), undefined, 'cut short');
  assert.equal(parseIndex(Buffer.from('not an index at all')), undefined, 'no DIRC signature');
  writeFileSync(join(root, '.git/index'), index.subarray(0, 100));
  assert.equal(readGitIndexPaths(root), 'ask-git');
});

test('config settings that change what the index lists are left to git; look-alike keys are not', () => {
  const { root, git } = repo(PROJECT);
  git('add', '.');
  const config = join(root, '.git/config');
  const original = readFileSync(config, 'utf8');
  const withLines = (lines: string) => writeFileSync(config, `${original}${lines}\n`);
  for (const lines of ['[extensions]\n\tobjectFormat = sha256', '[core]\n\tworktree = /elsewhere', '[core]\n\tSplitIndex = true', '[index]\n\tsparse = true', '[core]\n  bare=true', '[core]\r\tbare = true  # a comment']) {
    withLines(lines);
    assert.equal(readGitIndexPaths(root), 'ask-git', JSON.stringify(lines));
  }
  for (const lines of ['[extensions]\n\tworktreeConfig = true', '[core]\n\tbare = false', '[core]\n\tsparseCheckout = true', '[user]\n\tname = worktree', '[alias]\n\tsparsely = status']) {
    withLines(lines);
    assert.deepEqual(readGitIndexPaths(root), lsFiles(root), JSON.stringify(lines));
  }
});
