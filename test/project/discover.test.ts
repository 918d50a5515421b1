import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findProjectRoot, gitTrackedFiles, listFiles } from '../../src/project/discover.js';
import { InputError } from '../../src/core/errors.js';

/** A temporary folder holding the given files (contents are irrelevant here). */
function tree(files: string[]): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'implanta-discover-')));
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), '');
  }
  return root;
}

const roots: Array<[string, string[], string]> = [
  ['manage.py in the folder itself', ['manage.py', 'site/manage.py'], ''],
  ['one level down', ['README.md', 'backend/manage.py'], 'backend'],
  ['two levels down', ['src/site/manage.py', 'src/site/site/settings.py'], 'src/site'],
  ['a virtualenv does not count', ['app/manage.py', 'venv/lib/manage.py', 'env/pyvenv.cfg', 'env/x/manage.py'], 'app'],
];

for (const [name, files, expected] of roots) {
  test(`findProjectRoot: ${name}`, () => {
    const root = tree(files);
    assert.equal(findProjectRoot(root), join(root, expected));
  });
}

test('findProjectRoot: none, or several, is an InputError saying what to pass', () => {
  const none = tree(['a/b/c/manage.py']);
  assert.throws(() => findProjectRoot(none), (e: unknown) => e instanceof InputError && /no manage\.py here or two levels below; pass the Django project's folder/.test(e.message));
  const several = tree(['one/manage.py', 'two/manage.py']);
  assert.throws(() => findProjectRoot(several), (e: unknown) => e instanceof InputError && /several Django projects \(one\/manage\.py, two\/manage\.py\)/.test(e.message));
  assert.throws(() => findProjectRoot(join(none, 'missing')), /no such folder/);
});

test('listFiles: relative, sorted, without VCS data, virtualenvs and caches', () => {
  const root = tree([
    'manage.py',
    'p/settings.py',
    'p/__pycache__/settings.cpython-312.pyc',
    '.git/HEAD',
    'node_modules/x/index.js',
    '.venv/bin/python',
    'myenv/pyvenv.cfg',
    'myenv/lib/site.py',
    '.tox/py/x',
    '.mypy_cache/x',
    'staticfiles/app.css',
    '.env',
  ]);
  assert.deepEqual(listFiles(root), ['.env', 'manage.py', 'p/settings.py', 'staticfiles/app.css']);
});

test('gitTrackedFiles: committed and staged files, undefined outside git', async () => {
  const root = tree(['manage.py', 'db.sqlite3', 'notes.txt']);
  assert.equal(await gitTrackedFiles(root), undefined);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  git('init', '-q');
  git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', 'manage.py', 'db.sqlite3');
  assert.deepEqual((await gitTrackedFiles(root))?.sort(), ['db.sqlite3', 'manage.py']);
});

// TabbycatDebate/tabbycat: manage.py at the top is a symlink to tabbycat/manage.py. Python puts the
// real file's folder on the import path, so the settings are found there: that is the project root.
test('findProjectRoot: a manage.py linked to one in a subfolder makes the subfolder the project', () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'implanta-linked-manage-')));
  mkdirSync(join(root, 'site', 'settings'), { recursive: true });
  writeFileSync(join(root, 'site', 'manage.py'), "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'settings')\n");
  writeFileSync(join(root, 'site', 'settings', '__init__.py'), 'DEBUG = True\n');
  symlinkSync('site/manage.py', join(root, 'manage.py'));
  assert.equal(findProjectRoot(root), join(root, 'site'));
  // A link out of the folder given is not followed: the folder stays the project.
  const other = realpathSync(mkdtempSync(join(tmpdir(), 'implanta-linked-out-')));
  symlinkSync(join(root, 'site', 'manage.py'), join(other, 'manage.py'));
  assert.equal(findProjectRoot(other), other);
});
