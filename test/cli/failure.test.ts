/**
 * The one line a failed command prints: JavaScript's own messages never reach the user (they explain
 * nothing to a Django developer, and a JSON.parse error quotes the text it choked on). Running out of
 * string, array or stack room is the input's size, exit 2 naming the last project file read; anything
 * else unexpected is implanta's bug, exit 4.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { describeFailure } from '../../src/cli/failure.js';
import { InputError, PlatformError } from '../../src/core/errors.js';
import { readProjectText } from '../../src/project/project-file.js';

function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  assert.fail('nothing was thrown');
}

const tooLongString = () => thrown(() => 'x'.repeat(2 ** 30));
const stackOverflow = () => {
  const down = (n: number): number => down(n + 1) + 1;
  return thrown(() => down(0));
};
const undefinedProperty = () => thrown(() => (undefined as unknown as { a: { b: number } }).a.b);

test('a user mistake is its own line with its own exit code', () => {
  assert.deepEqual(describeFailure(new InputError('Procfile:3: no process type')), { line: 'implanta: Procfile:3: no process type', exitCode: 2 });
  assert.equal(describeFailure(new PlatformError('the platform refused the token')).exitCode, 3);
});

for (const [name, make] of [['Invalid string length', tooLongString], ['Maximum call stack size exceeded', stackOverflow]] as const) {
  test(`"${name}" is the input's size: exit 2, one line naming the last project file read`, () => {
    const root = mkdtempSync(join(tmpdir(), 'implanta-failure-'));
    try {
      writeFileSync(join(root, 'settings.py'), 'X = 1\n');
      readProjectText(join(root, 'settings.py'), { root, display: 'proj/settings.py' });
      const error = make();
      assert.match((error as Error).message, new RegExp(name));
      const failure = describeFailure(error);
      assert.equal(failure.exitCode, 2);
      assert.match(failure.line, /^implanta: the project is larger or more deeply nested than implanta can check \(the last file read was proj\/settings\.py\)/);
      assert.doesNotMatch(failure.line, new RegExp(`${name}|\\n`));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
}

test('a bug is exit 4, naming its kind but not its message, unless IMPLANTA_DEBUG asks', () => {
  const error = undefinedProperty();
  const failure = describeFailure(error);
  assert.equal(failure.exitCode, 4);
  assert.match(failure.line, /^implanta: internal error: a bug in implanta, not in your project \(TypeError\) \(run again with IMPLANTA_DEBUG=1/);
  assert.doesNotMatch(failure.line, /Cannot read properties|\n/);
  const debug = describeFailure(error, true);
  assert.match(debug.line, /Cannot read properties of undefined/);
});

test('a JSON.parse error that escaped is a bug, and the text it quotes is not printed', () => {
  const error = thrown(() => JSON.parse('{"password": "hunter2-secret" x}'));
  const failure = describeFailure(error);
  assert.equal(failure.exitCode, 4);
  assert.doesNotMatch(failure.line, /hunter2/);
});
