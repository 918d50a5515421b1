import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonErrorLine, jsonErrorOffset, jsonErrorPlace, jsonSyntaxMessage } from '../../src/project/json-error.js';

const cases: Array<[string, number]> = [
  ['{}', -1],
  ['  {"a":[1,{"b":null}],"c":"\\"q\\""}  ', -1],
  ['{"a":1,}', 7],
  ['[1,2', 4],
  ['{"a" 1}', 5],
  ['"x', 2],
  ['{"a":tru}', 5],
  ['{"a":1}x', 7],
  ['{"a":01}', 6],
];

for (const [text, offset] of cases) {
  test(`json error offset of ${JSON.stringify(text)} is ${offset}, and JSON.parse agrees it is ${offset < 0 ? 'valid' : 'invalid'}`, () => {
    assert.equal(jsonErrorOffset(text), offset);
    assert.equal(offset < 0, (() => { try { JSON.parse(text); return true; } catch { return false; } })());
  });
}

test('the line of an error is counted from 1', () => {
  assert.equal(jsonErrorLine('{\n  "a": 1,\n  "b": \n}'), 4);
});

test('the column of an error is counted from 1, in characters', () => {
  assert.deepEqual(jsonErrorPlace('{\n  "a": 1,\n  "b": x\n}'), { line: 3, column: 8 });
  assert.deepEqual(jsonErrorPlace('x'), { line: 1, column: 1 });
});

test('the message names file, line and column, and never the text around the error', () => {
  const message = jsonSyntaxMessage('Pipfile.lock', '{"default": {"token": "hunter2-secret" "x"}}');
  assert.equal(message, 'Pipfile.lock:1:40: not valid JSON');
});

test('a JSON text nested 200,000 levels deep is placed, not a stack overflow', () => {
  const deep = `${'['.repeat(200_000)}${']'.repeat(199_999)}`;
  assert.deepEqual(jsonErrorPlace(deep), { line: 1, column: 1_001 });
});

test('an error in shallow JSON after deep but closed nesting is still found exactly', () => {
  assert.deepEqual(jsonErrorPlace(`[${'['.repeat(900)}${']'.repeat(900)}, x]`), { line: 1, column: 1_804 });
});
