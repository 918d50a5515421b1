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

test('the R15 hard limit of every size is the one devcenter "Dyno Memory Behavior" documents', () => {
  // Eco, Basic, Standard-1X 1 GB; Standard-2X 2 GB; Performance-M 5 GB and -L 28 GB (twice the quota);
  // Performance-L-RAM 36, -XL 74, -2XL 151 GB (1.2 times); Private and Shield sizes at their quota (no swap).
  const documentedGb: Record<string, number> = {
    eco: 1, basic: 1, 'standard-1x': 1, 'standard-2x': 2, 'performance-m': 5, 'performance-l': 28,
    'performance-l-ram': 36, 'performance-xl': 74, 'performance-2xl': 151,
    'private-s': 1, 'private-m': 2.5, 'private-l': 14, 'private-l-ram': 30, 'private-xl': 62, 'private-2xl': 126,
    'shield-s': 1, 'shield-m': 2.5, 'shield-l': 14, 'shield-l-ram': 30, 'shield-xl': 62, 'shield-2xl': 126,
  };
  for (const [name, gb] of Object.entries(documentedGb)) {
    const size = findDynoSize(name)!;
    const limitMb = size.memory_mb * size.r15_multiple;
    assert.ok(Math.abs(limitMb / 1024 - gb) < 0.5, `${name}: hard limit ${limitMb} MB, documented ${gb} GB`);
    assert.equal(memoryVerdict(limitMb - 1, size), size.r15_multiple > 1 ? 'R14' : 'ok', `${name}: just under the limit`);
    assert.equal(memoryVerdict(limitMb, size), 'R15', `${name}: at the limit is R15`);
  }
});
