/**
 * Python's whitespace helpers against Python itself, on every whitespace character Python knows and a
 * few it does not (\ufeff, \u200b): strip, lstrip, rstrip, split and rsplit with and without maxsplit,
 * isspace. (The settings evaluator's use of them is checked against Python in settings/oracle.test.ts.)
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { pythonIsSpace, pythonSplitWhitespace, pythonStrip } from '../../src/project/python-whitespace.js';

const SPACES = ['\t', '\n', '\v', '\f', '\r', ' ', '\x1c', '\x1f', '\x85', '\xa0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000'];
const NOT_SPACES = ['\ufeff', '\u200b', '\x00'];
const samples = ['', ' ', 'a', ' a ', 'a b', '  a  b  c  ', ...[...SPACES, ...NOT_SPACES].flatMap((s) => [s, `${s}x${s}`, `x${s}y${s}${s}z`, `${s}${s}`])];

function python(xs: string[]) {
  const script = [
    'import json, sys',
    'xs = json.load(sys.stdin)',
    "out = {'strip': [x.strip() for x in xs], 'lstrip': [x.lstrip() for x in xs], 'rstrip': [x.rstrip() for x in xs],",
    "       'split': [x.split() for x in xs], 'split1': [x.split(None, 1) for x in xs], 'rsplit1': [x.rsplit(None, 1) for x in xs],",
    "       'split0': [x.split(None, 0) for x in xs], 'rsplit2': [x.rsplit(None, 2) for x in xs], 'isspace': [x.isspace() for x in xs]}",
    'json.dump(out, sys.stdout)',
  ].join('\n');
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(xs), encoding: 'utf8' })) as Record<string, unknown[]>;
}

test('strip, split, rsplit and isspace give what Python gives', () => {
  const expected = python(samples);
  assert.deepEqual(samples.map((s) => pythonStrip(s)), expected.strip);
  assert.deepEqual(samples.map((s) => pythonStrip(s, true, false)), expected.lstrip);
  assert.deepEqual(samples.map((s) => pythonStrip(s, false, true)), expected.rstrip);
  assert.deepEqual(samples.map((s) => pythonSplitWhitespace(s)), expected.split);
  assert.deepEqual(samples.map((s) => pythonSplitWhitespace(s, 1)), expected.split1);
  assert.deepEqual(samples.map((s) => pythonSplitWhitespace(s, 1, true)), expected.rsplit1);
  assert.deepEqual(samples.map((s) => pythonSplitWhitespace(s, 0)), expected.split0);
  assert.deepEqual(samples.map((s) => pythonSplitWhitespace(s, 2, true)), expected.rsplit2);
  assert.deepEqual(samples.map(pythonIsSpace), expected.isspace);
});

test('a million spaces before one word split in linear time (a backtracking regex took minutes)', () => {
  const padded = `${' '.repeat(1_000_000)}x`;
  assert.deepEqual(pythonSplitWhitespace(padded, 1, true), ['x']);
  assert.equal(pythonStrip(`${padded} `), 'x');
});

