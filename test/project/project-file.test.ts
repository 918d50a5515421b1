/**
 * Project files are read only when they are regular files inside the project, under a size cap: a
 * FIFO or a symlink to /dev/zero named Procfile must give one line naming it, never a hang.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readAppJson } from '../../src/project/app-json.js';
import { readDotenvFile } from '../../src/project/dotenv.js';
import { readProcfile } from '../../src/project/procfile.js';
import { ProjectFileRefused, readProjectText } from '../../src/project/project-file.js';

const scratch = mkdtempSync(join(tmpdir(), 'implanta-project-file-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function project(name: string): string {
  const root = join(scratch, name);
  mkdirSync(root);
  return root;
}

test('a regular file inside the project is read', () => {
  const root = project('regular');
  writeFileSync(join(root, 'Procfile'), 'web: gunicorn app.wsgi\n');
  assert.equal(readProjectText(join(root, 'Procfile'), { root }), 'web: gunicorn app.wsgi\n');
  assert.ok(readProcfile(root));
});

test('a FIFO named Procfile is refused at once, naming it', () => {
  const root = project('fifo');
  execFileSync('mkfifo', [join(root, 'Procfile')]);
  assert.throws(() => readProcfile(root), (error: Error) => error instanceof ProjectFileRefused && /^Procfile: is a FIFO, not a regular file/.test(error.message));
});

test('app.json as a symlink to /dev/zero is refused, naming it', () => {
  const root = project('zero');
  symlinkSync('/dev/zero', join(root, 'app.json'));
  // Its real path is /dev/zero: outside the project, so not even opened.
  assert.throws(() => readAppJson(root), /app\.json: leads outside the project/);
  assert.throws(() => readProjectText(join(root, 'app.json'), { display: 'app.json' }), /: app\.json: is a device, not a regular file/);
});

test('a symlink out of the project is not read', () => {
  const root = project('outside');
  const secret = join(scratch, 'secret.txt');
  writeFileSync(secret, 'TOKEN=abc\n');
  symlinkSync(secret, join(root, 'Procfile'));
  assert.throws(() => readProcfile(root), (error: Error) => /^Procfile: leads outside the project/.test(error.message) && !error.message.includes('TOKEN'));
});

test('a file over the cap is refused with its size', () => {
  const root = project('large');
  writeFileSync(join(root, 'big.txt'), 'x'.repeat(2048));
  assert.throws(() => readProjectText(join(root, 'big.txt'), { root, display: 'big.txt', maxBytes: 1024 }), /: big\.txt: is 2 KB, more than the 1 KB implanta reads$/);
  assert.equal(readProjectText(join(root, 'big.txt'), { root, maxBytes: 4096 }).length, 2048);
});

test("the user's own --env-file may be a pipe (--env-file <(heroku config -s)); a project file may not", async () => {
  const root = project('pipe');
  const fifo = join(root, 'config.env');
  execFileSync('mkfifo', [fifo]);
  const writer = spawn('sh', ['-c', `printf 'SECRET_KEY=from-the-pipe-9x\\n' > ${fifo}`]);
  const written = new Promise((done) => writer.on('exit', done));
  // The writer is already waiting on its open when implanta looks, as when the shell is quicker than
  // implanta's start. (The order that hung CI for 80 minutes, a writer that came and went between two
  // opens of the pipe, cannot be forced from here; the pipe is now opened once.)
  await waitUntilWaitingOnOpen(writer.pid!);
  assert.deepEqual(readDotenvFile(fifo, 'config.env'), { SECRET_KEY: 'from-the-pipe-9x' });
  await written;
  assert.throws(() => readProjectText(fifo, { root, display: 'config.env' }), /^.*config\.env: is a FIFO, not a regular file/);
});

/** Resolves once the process is blocked in the kernel opening the FIFO (Linux: its wchan is a fifo wait). */
async function waitUntilWaitingOnOpen(pid: number): Promise<void> {
  for (let tries = 0; tries < 500; tries++) {
    let state = '';
    try {
      state = readFileSync(`/proc/${pid}/wchan`, 'utf8');
    } catch {
      // Not yet started.
    }
    if (/fifo|pipe|partner/.test(state)) return;
    await new Promise((done) => setTimeout(done, 10));
  }
  throw new Error('the writer never reached its open');
}
