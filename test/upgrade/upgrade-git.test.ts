import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeServer } from '../versions/helpers/fake-indexes.js';
import { fakePypiWithMetadata } from './helpers/fake-pypi.js';
import { git, gitInit, hollowCopy, read, snapshot } from './helpers/hollow.js';
import { implanta } from './helpers/cli.js';

let pypi: FakeServer;
before(async () => {
  pypi = await fakePypiWithMetadata({ django: { '5.2.8': {}, '5.2.9': {} } });
});
after(() => pypi.close());

const upgrade = (root: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) =>
  implanta(['upgrade', 'django', root, '--to', '5.2.9', '--pypi-url', pypi.url, '--test-command', 'true', ...args], env);

test('--commit makes exactly one commit holding exactly the edited file; other changes stay uncommitted', async () => {
  const { root } = hollowCopy();
  gitInit(root);
  appendFileSync(join(root, 'README.md'), '\nA local note.\n');
  git(root, 'add', 'README.md');
  appendFileSync(join(root, 'Procfile'), '# unstaged\n');
  const run = await upgrade(root, ['--commit']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(git(root, 'rev-list', '--count', 'HEAD'), '2');
  assert.equal(git(root, 'log', '-1', '--format=%s'), 'Upgrade Django 5.2.8 → 5.2.9 (implanta upgrade)');
  assert.equal(git(root, 'show', '--name-only', '--format=', 'HEAD'), 'requirements.txt');
  assert.equal(git(root, 'show', 'HEAD:requirements.txt'), read(root, 'requirements.txt').toString().trimEnd());
  assert.equal(git(root, 'diff', '--cached', '--name-only'), 'README.md', 'the staged change is still staged, not committed');
  assert.equal(git(root, 'diff', '--name-only'), 'Procfile', 'the unstaged change is still there');
  assert.match(run.stdout, /upgraded and committed as [0-9a-f]{12}/);
});

test('--commit refuses a requirements file with changes of its own, before touching it', async () => {
  const { root } = hollowCopy();
  gitInit(root);
  appendFileSync(join(root, 'requirements.txt'), 'requests==2.32.3\n');
  const before = snapshot(root, ['requirements.txt']);
  const run = await upgrade(root, ['--commit']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /--commit: requirements\.txt has uncommitted changes/);
  assert.deepEqual(snapshot(root, ['requirements.txt']), before);
  assert.equal(git(root, 'rev-list', '--count', 'HEAD'), '1');
});

test('--commit outside a git work tree is refused', async () => {
  const { root } = hollowCopy();
  const run = await upgrade(root, ['--commit']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /is not in a git work tree/);
});

test('without --commit nothing is written to git', async () => {
  const { root } = hollowCopy();
  gitInit(root);
  const run = await upgrade(root);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(git(root, 'rev-list', '--count', 'HEAD'), '1');
  assert.equal(git(root, 'status', '--porcelain'), 'M requirements.txt');
});

test('--deploy needs --commit, and the deploy branch checked out; either refusal comes before any edit', async () => {
  const { root } = hollowCopy();
  gitInit(root, 'main');
  const untouched = snapshot(root, ['requirements.txt']);
  const noCommit = await upgrade(root, ['--deploy', '-a', 'hollow']);
  assert.equal(noCommit.code, 2);
  assert.match(noCommit.stderr, /--deploy ships a commit: add --commit/);
  const wrongBranch = await upgrade(root, ['--commit', '--deploy', '-a', 'hollow']);
  assert.equal(wrongBranch.code, 2);
  assert.match(wrongBranch.stderr, /--deploy ships the production branch and you are on main: .*git switch production && git merge main/);
  assert.deepEqual(snapshot(root, ['requirements.txt']), untouched);
  assert.equal(git(root, 'rev-list', '--count', 'HEAD'), '1');
});

test('--deploy runs the deploy once the upgrade is committed on the deploy branch, and its outcome decides the exit', async () => {
  const { root, outside } = hollowCopy();
  gitInit(root, 'production');
  const run = await upgrade(root, ['--commit', '--deploy', '-a', 'hollow'], { HOME: outside, HEROKU_API_KEY: '', IMPLANTA_API_URL: '' });
  assert.equal(run.code, 3, run.stderr);
  assert.equal(git(root, 'log', '-1', '--format=%s'), 'Upgrade Django 5.2.8 → 5.2.9 (implanta upgrade)');
  assert.match(run.stdout, /^Deploy: not-started: deploy not started: not logged in to Heroku/m);
});
