import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findBuildRoot, fromProjectRoot } from '../../src/project/build-root.js';

function tree(files: string[]): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'implanta-buildroot-')));
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), '');
  }
  return root;
}

const cases: Array<[string, string[], string, string]> = [
  ['manage.py in the folder given', ['manage.py', 'requirements.txt'], '', ''],
  ['a monorepo: requirements at the top, manage.py in web/ (what Heroku builds is the top)', ['requirements.txt', 'runtime.txt', 'web/manage.py', 'web/requirements.txt'], 'web', ''],
  ['a Procfile at the top with the requirements next to manage.py: no Python app can be built from the top', ['Procfile', 'package.json', 'src/site/manage.py', 'src/site/requirements.txt'], 'src/site', 'src/site'],
  ['no package manager file anywhere: the top holding the Procfile and runtime.txt', ['Procfile', 'runtime.txt', 'web/manage.py'], 'web', ''],
  ['nothing at the top, everything next to manage.py (deployed from its folder)', ['README.md', 'pyproject.toml', 'backend/manage.py', 'backend/requirements.txt'], 'backend', 'backend'],
  ['a folder between the top and manage.py', ['src/uv.lock', 'src/site/manage.py'], 'src/site', 'src'],
  ['no build file anywhere: the folder given, where the build would find nothing', ['backend/manage.py'], 'backend', ''],
];

for (const [name, files, project, expected] of cases) {
  test(`findBuildRoot: ${name}`, () => {
    const top = tree(files);
    assert.equal(findBuildRoot(top, join(top, project)), join(top, expected));
  });
}

test('fromProjectRoot: build files above manage.py are named from the project root', () => {
  assert.equal(fromProjectRoot('/r/web', '/r', 'requirements.txt'), '../requirements.txt');
  assert.equal(fromProjectRoot('/r/src/site', '/r', 'bin/post_compile'), '../../bin/post_compile');
  assert.equal(fromProjectRoot('/r', '/r', 'Procfile'), 'Procfile');
});
