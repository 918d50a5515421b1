import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { DynoError, freePort, startDyno } from '../../src/size/dyno-process.js';

const SERVER = `require('http').createServer((q, s) => s.end('ok')).listen(process.env.PORT)`;

async function spec(command: string, bootTimeoutMs = 10_000) {
  const port = await freePort();
  return { command, cwd: '/tmp', env: { PATH: process.env.PATH, PORT: String(port) }, port, bootTimeoutMs };
}

function alive(pid: number): boolean {
  try {
    // A zombie still answers kill(0); its state letter says it is dead.
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('startDyno', () => {
  test('resolves once $PORT answers, and stop ends the whole process group', async () => {
    const dyno = await startDyno(await spec(`sleep 300 & echo $! >&2; exec node -e "${SERVER}"`));
    try {
      const sleeper = Number(dyno.logTail(1)[0]);
      assert.ok(dyno.running);
      assert.ok(alive(sleeper), 'the background process runs with the server');
      await dyno.stop();
    assert.equal(dyno.running, false);
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(alive(sleeper), false, 'the background process of the group is gone too');
    } finally {
      await dyno.stop();
    }
  });

  test('a process that never binds $PORT fails with R10 within the boot timeout, and is stopped', async () => {
    const started = Date.now();
    await assert.rejects(startDyno(await spec('echo booting; sleep 300', 1_500)), (error: unknown) => {
      assert.ok(error instanceof DynoError);
      assert.match(error.message, /^web\.1: Error R10 \(Boot timeout\) -> Web process failed to bind to \$PORT within 1\.5 seconds of launch$/);
      assert.deepEqual(error.logTail, ['booting']);
      return true;
    });
    assert.ok(Date.now() - started < 60_000, 'safety bound');
  });

  test('a process that exits before binding is reported with its last stderr line and exit status', async () => {
    const command = `echo 'Traceback (most recent call last):' >&2; echo "KeyError: 'SECRET_KEY'" >&2; exit 3`;
    await assert.rejects(startDyno(await spec(command)), (error: unknown) => {
      assert.ok(error instanceof DynoError);
      assert.match(error.message, /exited before binding \$PORT \(exit status 3\): KeyError: 'SECRET_KEY'$/);
      assert.equal(error.logTail.length, 2);
      return true;
    });
  });

  test('aborting while it boots stops it', async () => {
    const controller = new AbortController();
    const s = await spec('echo $$ >&2; sleep 300', 30_000);
    setTimeout(() => controller.abort(), 300);
    await assert.rejects(startDyno({ ...s, signal: controller.signal }), { name: 'AbortError' });
  });
});
