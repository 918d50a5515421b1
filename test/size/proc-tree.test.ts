import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { describe, test } from 'node:test';
import { summariseMemory, TreeSampler } from '../../src/size/measure.js';
import { parseStat, readTree, treeOf, type ProcStat } from '../../src/size/proc-tree.js';

const PYTHON = '/usr/bin/python3';

/** A Python process that allocates `mb` MB (touching every page) each time it reads a line, and says so. */
const ALLOCATOR = `
import sys
held = []
print("ready", flush=True)
for line in sys.stdin:
    held.append(b"x" * (int(line) << 20))
    print("allocated", flush=True)
`;

async function nextLine(child: ChildProcessWithoutNullStreams, expected: string): Promise<void> {
  let buffer = '';
  while (!buffer.includes(expected)) {
    const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
    buffer += chunk.toString();
  }
}

describe('parseStat', () => {
  test('reads a command name with spaces and parentheses', () => {
    const text = '4242 (gunicorn: (worker) x) S 4200 4200 4200 0 -1 4194560 100 0 0 0 150 25 3 2 20 0 1 0 100 1000 200';
    assert.deepEqual(parseStat(text), { pid: 4242, ppid: 4200, pgrp: 4200, cpuTicks: 150 + 25 + 3 + 2 });
  });

  test('garbage is no process', () => {
    assert.equal(parseStat('not a stat line'), undefined);
  });
});

describe('treeOf', () => {
  const stats: ProcStat[] = [
    { pid: 10, ppid: 1, pgrp: 10, cpuTicks: 1 },
    { pid: 11, ppid: 10, pgrp: 10, cpuTicks: 1 },
    { pid: 12, ppid: 11, pgrp: 12, cpuTicks: 1 }, // left the group but descends from it
    { pid: 13, ppid: 1, pgrp: 10, cpuTicks: 1 }, // reparented to init but still in the group
    { pid: 20, ppid: 1, pgrp: 20, cpuTicks: 1 },
  ];
  test('takes the group and every descendant, nothing else', () => {
    assert.deepEqual(treeOf(10, stats).map((s) => s.pid).sort(), [10, 11, 12, 13]);
  });
});

describe('readTree on real processes', () => {
  test('the memory of a process tree grows by about what a child allocates', async () => {
    // A shell leading a group, with the allocator as its child: the same shape as `sh -c gunicorn …`.
    const child = spawn('/bin/sh', ['-c', `exec ${PYTHON} -c '${ALLOCATOR}'`], { detached: true }) as ChildProcessWithoutNullStreams;
    try {
      await nextLine(child, 'ready');
      const before = await readTree(child.pid!);
      const sampler = new TreeSampler(child.pid!, 50).start();
      child.stdin.write('200\n');
      await nextLine(child, 'allocated');
      const after = await readTree(child.pid!);
      const summary = summariseMemory(await sampler.stop());

      const grown = after.rssMb - before.rssMb;
      assert.ok(grown > 180 && grown < 240, `RSS grew by ${grown.toFixed(1)} MB`);
      assert.ok(after.pssMb !== undefined && after.pssMb - before.pssMb! > 180, 'PSS grows too');
      assert.ok(summary.peak_mb - before.pssMb! > 180, `sampled peak ${summary.peak_mb} MB`);
      assert.ok(after.cpuSeconds >= before.cpuSeconds);
    } finally {
      process.kill(-child.pid!, 'SIGKILL');
    }
  });

  test('every process of the group is counted', async () => {
    const child = spawn('/bin/sh', ['-c', 'sleep 30 & sleep 30 & echo started; wait'], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      await once(child.stdout!, 'data');
      const tree = await readTree(child.pid!);
      assert.equal(tree.processes, 3);
    } finally {
      process.kill(-child.pid!, 'SIGKILL');
    }
  });
});
