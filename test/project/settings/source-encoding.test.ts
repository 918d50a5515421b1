/**
 * A settings file is read as Python reads it (PEP 263): UTF-8 unless a coding declaration says
 * otherwise. What Python refuses (bytes that are not UTF-8 with no declaration, a null byte) is one
 * line naming the file and the line; a latin-1 file that declares it is read with its accents. Python
 * itself (compile() on the same bytes) is the oracle for which files it refuses.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { evaluateSettings } from '../../../src/project/settings/evaluate.js';
import { firstInvalidUtf8 } from '../../../src/project/settings/source-encoding.js';
import { writeProject } from './harness.js';

function project(bytes: Buffer): string {
  const root = writeProject({ 'proj/settings.py': '' });
  writeFileSync(join(root, 'proj/settings.py'), bytes);
  return root;
}

/** Whether Python compiles the file: the oracle. */
function pythonAccepts(root: string): boolean {
  const run = spawnSync('/usr/bin/python3', ['-c', 'import sys; compile(open(sys.argv[1], "rb").read(), sys.argv[1], "exec")', join(root, 'proj/settings.py')]);
  return run.status === 0;
}

const latin1 = (text: string) => Buffer.from(text, 'latin1');

test('a latin-1 settings file without a coding declaration is refused, as Python refuses it, at the line of the first bad byte', async () => {
  const root = project(latin1("DEBUG = False\nNAME = 'Caf\xe9'\nSECRET_KEY = 'x'\n"));
  assert.equal(pythonAccepts(root), false);
  await assert.rejects(evaluateSettings({ root, module: 'proj.settings', env: {} }), (error: Error) => {
    assert.match(error.message, /^proj\/settings\.py:2: Python cannot read this file: it is not UTF-8 and declares no other encoding \(PEP 263\); byte 0xE9 is the first bad one/);
    assert.doesNotMatch(error.message, /\n/);
    return true;
  });
});

test('the same file with a latin-1 coding declaration is read with its accents', async () => {
  const root = project(latin1("# -*- coding: latin-1 -*-\nDEBUG = False\nNAME = 'Caf\xe9'\n"));
  assert.equal(pythonAccepts(root), true);
  const result = await evaluateSettings({ root, module: 'proj.settings', env: {} });
  assert.equal(result.settings.get('NAME')!.value, 'Café');
  assert.equal(result.settings.get('DEBUG')!.value, false);
});

test('a declaration on the second line counts after a shebang; bytes past 0x7F are latin-1, not windows-1252', async () => {
  const root = project(latin1("#!/usr/bin/env python\n# vim: set fileencoding=iso-8859-1 :\nQUOTE = '\x93'\n"));
  assert.equal(pythonAccepts(root), true);
  const result = await evaluateSettings({ root, module: 'proj.settings', env: {} });
  assert.equal(result.settings.get('QUOTE')!.value, '\u0093');
});

test('UTF-8 with a BOM, and UTF-8 accents, are read as they are', async () => {
  const root = project(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("NAME = 'Café ☕'\n")]));
  assert.equal(pythonAccepts(root), true);
  const result = await evaluateSettings({ root, module: 'proj.settings', env: {} });
  assert.equal(result.settings.get('NAME')!.value, 'Café ☕');
});

test('a null byte is refused, as Python refuses it, at its line', async () => {
  const root = project(Buffer.from("DEBUG = False\n\nX = 'a\0b'\n"));
  assert.equal(pythonAccepts(root), false);
  await assert.rejects(evaluateSettings({ root, module: 'proj.settings', env: {} }), /^InputError: proj\/settings\.py:3: Python cannot read this file: it contains a null byte/);
});

test('binary junk in a settings file is one line, found before the parser spends seconds on it', async () => {
  const junk = Buffer.alloc(200_000);
  for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919) % 256;
  const root = project(Buffer.concat([Buffer.from('DEBUG = False\n'), junk]));
  await assert.rejects(evaluateSettings({ root, module: 'proj.settings', env: {} }), /^InputError: proj\/settings\.py:\d+: Python cannot read this file/);
});

test('the first invalid UTF-8 byte: overlong forms, surrogates and cut sequences are invalid', () => {
  assert.equal(firstInvalidUtf8(Buffer.from('abc é ☕ 😀')), -1);
  assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0xaf])), 1);
  assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xed, 0xa0, 0x80])), 2);
  assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0xe2, 0x82])), 1);
  assert.equal(firstInvalidUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80])), 0);
});
