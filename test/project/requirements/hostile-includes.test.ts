/**
 * A requirements file from a stranger's pull request may include `-r /proc/self/environ` (implanta's own
 * environment, token included), `-r /etc/passwd` or a symlink out of the repository. Such an include is
 * a problem naming the path as written; the file is never opened, so nothing of it can be quoted and a
 * FIFO out there cannot hang the check. Includes inside the project are still followed.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs, { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, mock, test } from 'node:test';
import { readRequirementsFile } from '../../../src/project/requirements/requirements-file.js';

const scratch = mkdtempSync(join(tmpdir(), 'implanta-includes-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const outsideFile = join(scratch, 'outside.txt');
writeFileSync(outsideFile, 'leaked-package==6.6.6\nTOKEN=outside-secret-value\n');
const outsideFifo = join(scratch, 'outside.fifo');
execFileSync('mkfifo', [outsideFifo]);

let count = 0;
function project(requirements: string, setup: (root: string) => void = () => {}): string {
  const root = join(scratch, `p${++count}`, 'app');
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'requirements.txt'), requirements);
  setup(root);
  return root;
}

/** Reads the requirements while recording every path implanta opens. */
function readRecordingOpens(root: string): { read: ReturnType<typeof readRequirementsFile>; opened: string[] } {
  const opened: string[] = [];
  const real = fs.openSync;
  mock.method(fs, 'openSync', (path: fs.PathLike, ...rest: unknown[]) => {
    opened.push(resolve(String(path)));
    return (real as (...args: unknown[]) => number)(path, ...rest);
  });
  syncBuiltinESMExports();
  try {
    return { read: readRequirementsFile(root, 'requirements.txt', {}), opened };
  } finally {
    mock.restoreAll();
    syncBuiltinESMExports();
  }
}

const cases: [name: string, line: string, setup?: (root: string) => void][] = [
  ['an absolute path', '-r /etc/passwd'],
  ["implanta's own environment", '-r /proc/self/environ'],
  ['a constraint file by absolute path', '-c /etc/passwd'],
  ['a relative path that climbs out', `-r ../../outside.txt`],
  ['a symlink inside the project pointing out', '-r extra.txt', (root) => symlinkSync(outsideFile, join(root, 'extra.txt'))],
  ['a folder symlink pointing out', '-r linked/outside.txt', (root) => symlinkSync(scratch, join(root, 'linked'))],
  ['a FIFO outside the project', '-r ../../outside.fifo'],
  ['a symlink to a FIFO outside the project', '--requirement=pipe.txt', (root) => symlinkSync(outsideFifo, join(root, 'pipe.txt'))],
];

for (const [name, line, setup] of cases) {
  test(`${name} (${line}) is a problem naming the path, and is never opened`, () => {
    const root = project(`django==4.2\n${line}\ngunicorn==22.0\n`, setup);
    const { read, opened } = readRecordingOpens(root);
    assert.deepEqual(read.requirements.map((r) => r.name), ['django', 'gunicorn'], 'the lines around it are still read');
    assert.deepEqual(read.files, ['requirements.txt']);
    assert.equal(read.problems.length, 1, JSON.stringify(read.problems));
    const [problem] = read.problems;
    assert.deepEqual([problem!.file, problem!.line], ['requirements.txt', 2]);
    assert.match(problem!.message, /leads outside the project: implanta does not read it/);
    assert.ok(problem!.message.startsWith(line.replace('--requirement=', '-r ')), problem!.message);
    const everything = JSON.stringify(read);
    for (const leaked of ['leaked-package', 'outside-secret-value', 'root:x:0', 'PATH=']) assert.ok(!everything.includes(leaked), leaked);
    assert.deepEqual(opened, [join(fs.realpathSync(root), 'requirements.txt')], 'only requirements.txt itself was opened');
  });
}

test('a requirements.txt that is itself a symlink out of the project is not read', () => {
  const root = project('');
  rmSync(join(root, 'requirements.txt'));
  symlinkSync(outsideFile, join(root, 'requirements.txt'));
  const { read, opened } = readRecordingOpens(root);
  assert.deepEqual(read.requirements, []);
  assert.match(read.problems[0]!.message, /^cannot open requirements\.txt \(outside the project\)$/);
  assert.deepEqual(opened, []);
});

test('includes inside the project are followed, through a symlink too, and a loop is found', () => {
  const root = project('-r reqs/base.txt\n-r alias.txt\n', (dir) => {
    mkdirSync(join(dir, 'reqs'));
    writeFileSync(join(dir, 'reqs', 'base.txt'), 'django==4.2\n-r ../requirements.txt\n');
    symlinkSync(join(dir, 'reqs', 'extra.txt'), join(dir, 'alias.txt'));
    writeFileSync(join(dir, 'reqs', 'extra.txt'), 'whitenoise==6.6\n');
  });
  const { read } = readRecordingOpens(root);
  assert.deepEqual(read.requirements.map((r) => [r.file, r.name]), [['reqs/base.txt', 'django'], ['alias.txt', 'whitenoise']]);
  assert.deepEqual(read.problems.map((p) => [p.file, p.line]), [['reqs/base.txt', 2]]);
  assert.match(read.problems[0]!.message, /loop: requirements\.txt → reqs\/base\.txt → requirements\.txt/);
});
