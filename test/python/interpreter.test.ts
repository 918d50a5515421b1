import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import { findPython } from '../../src/python/interpreter.js';

const scratch = mkdtempSync(join(tmpdir(), 'implanta-interpreter-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

/** A fresh folder standing for a project, a virtualenv or a PATH entry. */
function folder(): string {
  const dir = join(scratch, String(counter++));
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A fake interpreter: answers the Django probe with `django` as version, or fails like a Python without Django. */
function fakePython(path: string, django: string | undefined): string {
  mkdirSync(join(path, '..'), { recursive: true });
  const body = django
    ? `echo ${django}`
    : `echo "ModuleNotFoundError: No module named 'django'" >&2; exit 1`;
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

function pathOf(...dirs: string[]): NodeJS.ProcessEnv {
  return { PATH: dirs.join(':'), HOME: scratch };
}

describe('findPython', () => {
  test('--python wins over every other rule', async () => {
    const venv = folder();
    fakePython(join(venv, 'bin', 'python'), '5.0.1');
    const explicit = fakePython(join(folder(), 'python'), '4.2.7');

    const found = await findPython({ root: folder(), explicit, env: { ...pathOf(), VIRTUAL_ENV: venv } });

    assert.deepEqual(found, { path: explicit, how: '--python', django: '4.2.7' });
  });

  test('--python without Django is still the one used, with no Django version', async () => {
    const explicit = fakePython(join(folder(), 'python'), undefined);

    const found = await findPython({ root: folder(), explicit, env: pathOf() });

    assert.deepEqual(found, { path: explicit, how: '--python' });
  });

  test('--python that does not exist is bad input naming the flag', async () => {
    const missing = join(folder(), 'nope', 'python');

    await assert.rejects(findPython({ root: folder(), explicit: missing, env: pathOf() }), (error: unknown) => {
      assert.ok(error instanceof InputError);
      assert.match(error.message, /--python .*nope\/python: cannot run it \(not found\)/);
      return true;
    });
  });

  // Each row: which candidates exist and whether they can import Django; the expected winner.
  const order: { name: string; venv?: string | null; dotVenv?: string | null; python3?: string | null; python?: string | null; how: string; django: string }[] = [
    { name: '$VIRTUAL_ENV before .venv', venv: '5.0.1', dotVenv: '4.2.7', python3: '3.2.25', how: '$VIRTUAL_ENV', django: '5.0.1' },
    { name: '.venv when $VIRTUAL_ENV lacks Django', venv: null, dotVenv: '4.2.7', python3: '3.2.25', how: '.venv', django: '4.2.7' },
    { name: '.venv before python3 on PATH', dotVenv: '4.2.7', python3: '3.2.25', how: '.venv', django: '4.2.7' },
    { name: 'python3 on PATH before python', python3: '3.2.25', python: '5.2.8', how: 'python3 on PATH', django: '3.2.25' },
    { name: 'python on PATH when python3 lacks Django', python3: null, python: '5.2.8', how: 'python on PATH', django: '5.2.8' },
  ];
  for (const row of order) {
    test(`picks ${row.name}`, async () => {
      const root = folder();
      const bin = folder();
      const env = pathOf(bin);
      if (row.venv !== undefined) {
        const venv = folder();
        fakePython(join(venv, 'bin', 'python'), row.venv ?? undefined);
        env.VIRTUAL_ENV = venv;
      }
      if (row.dotVenv !== undefined) fakePython(join(root, '.venv', 'bin', 'python'), row.dotVenv ?? undefined);
      if (row.python3 !== undefined) fakePython(join(bin, 'python3'), row.python3 ?? undefined);
      if (row.python !== undefined) fakePython(join(bin, 'python'), row.python ?? undefined);

      const found = await findPython({ root, env });

      assert.equal(found.how, row.how);
      assert.equal(found.django, row.django);
    });
  }

  test('none found: bad input listing every rule tried and pointing at --python', async () => {
    const bin = folder();
    fakePython(join(bin, 'python3'), undefined);

    await assert.rejects(findPython({ root: folder(), env: pathOf(bin) }), (error: unknown) => {
      assert.ok(error instanceof InputError);
      for (const rule of ['$VIRTUAL_ENV (not set)', '.venv (no ', `python3 on PATH ${bin}/python3 (ModuleNotFoundError`, 'python on PATH (not found)']) {
        assert.ok(error.message.includes(rule), `${rule} missing from: ${error.message}`);
      }
      assert.match(error.message, /pass --python PATH/);
      return true;
    });
  });

  test('remembers nothing: a .venv created after a failed search is found next time', async () => {
    const root = folder();
    await assert.rejects(findPython({ root, env: pathOf() }), InputError);

    fakePython(join(root, '.venv', 'bin', 'python'), '4.2.7');

    assert.equal((await findPython({ root, env: pathOf() })).how, '.venv');
  });

  test('a real virtualenv with system site packages sees the system Django', async () => {
    const root = folder();
    execFileSync('/usr/bin/python3', ['-m', 'venv', '--system-site-packages', '--without-pip', join(root, '.venv')]);
    const systemDjango = execFileSync('/usr/bin/python3', ['-c', 'import django; print(django.get_version())'], { encoding: 'utf8' }).trim();

    const found = await findPython({ root, env: pathOf('/usr/bin') });

    assert.deepEqual(found, { path: join(root, '.venv', 'bin', 'python'), how: '.venv', django: systemDjango });
  });
});
