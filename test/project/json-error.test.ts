import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonErrorLine, jsonErrorOffset } from '../../src/project/json-error.js';

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
