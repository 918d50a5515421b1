import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { findDynoSize } from '../../../src/heroku/platform-data.js';
import { checkDynoMemory, dynoMemoryMb, memoryLine, memoryVerdict } from '../../../src/local/dynos/memory-quota.js';

test('quotas come from the dyno size: R14 above 100%, R15 at the documented hard limit', () => {
  const basic = findDynoSize('basic')!;
  assert.equal(basic.memory_mb, 512);
  assert.equal(memoryVerdict(500, basic), 'ok');
  assert.equal(memoryVerdict(513, basic), 'R14');
  assert.equal(memoryVerdict(1023, basic), 'R14');
  assert.equal(memoryVerdict(1024, basic), 'R15', 'Common Runtime: twice the quota');
  const privateS = findDynoSize('private-s')!;
  assert.equal(memoryVerdict(privateS.memory_mb + 1, privateS), 'R15', 'no swap in Private Spaces: the quota is the hard limit');
  assert.equal(memoryLine(1028, basic), 'Process running mem=1028M(200.8%)');
});

test('a real process tree is measured from /proc; over its quota it is R14, past the limit R15 and killed', async (t) => {
  // A dyno-like tree: a shell whose child holds ~40 MB.
  const child = spawn('/bin/sh', ['-c', `exec /usr/bin/python3 -c "import time; data = bytearray(40 * 1024 * 1024); data[::4096] = b'x' * len(data[::4096]); print('ready', flush=True); time.sleep(60)"`], { detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {}
  });
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  const used = (await dynoMemoryMb(child.pid!))!;
  assert.ok(used > 35 && used < 200, `measured ${used} MB`);

  const lines: string[] = [];
  let killed = 0;
  const target = (memory_mb: number) => ({ pid: child.pid!, quota: { memory_mb, r15_multiple: 2 }, say: (m: string) => lines.push(m), kill: () => killed++ });
  assert.equal(await checkDynoMemory(target(1024)), 'ok');
  assert.deepEqual(lines, []);
  assert.equal(await checkDynoMemory(target(30)), 'R14');
  assert.match(lines[0]!, /^Process running mem=\d+M\(\d+\.\d%\)$/);
  assert.equal(lines[1], 'Error R14 (Memory quota exceeded)');
  assert.equal(killed, 0);
  lines.length = 0;
  assert.equal(await checkDynoMemory(target(10)), 'R15');
  assert.deepEqual(lines.slice(1), ['Error R15 (Memory quota vastly exceeded)', 'Stopping process with SIGKILL']);
  assert.equal(killed, 1);
});
