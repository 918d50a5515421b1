/**
 * The hand-written string helpers of the requirements reader against Python itself: `str.strip`,
 * `str.splitlines`, and pip's comment regex `(^|\s+)#.*$` (pip/_internal/req/req_file.py). They are
 * written by hand because the regex forms backtrack quadratically on hostile padding (issue 9), so
 * each must still give exactly what Python gives, on every whitespace character Python knows.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { logicalLines, pySplitLines } from '../../../src/project/requirements/lines.js';
import { pythonStrip } from '../../../src/project/python-whitespace.js';

const SPACES = ['\t', '\v', '\f', ' ', '\x1c', '\x1d', '\x1e', '\x1f', '\x85', '\xa0', '\u1680', '\u2000', '\u200a', '\u2028', '\u202f', '\u205f', '\u3000', '\ufeff'];
const samples = [
  '',
  'Django==4.2',
  '  Django==4.2  ',
  'Django==4.2  # pinned',
  '#whole',
  '   # indented',
  'a#b',
  'a #b #c',
  'git+https://h/r.git#egg=pkg # note',
  'x' + ' '.repeat(50) + 'y#z',
  ' '.repeat(40) + '#',
  ...SPACES.flatMap((s) => [`${s}pkg${s}`, `pkg${s}#c`, `${s}#c`, `pkg${s}${s}x#y`]),
  'a\nb\r\nc\rd\ve\ff\x1cg\x1dh\x1ei\x85j\u2028k\u2029l\n',
  '\n\n',
  'tail\n',
];

function python(samples: string[]): { strip: string[]; splitlines: string[][]; uncommented: string[] } {
  const script = [
    'import json, re, sys',
    'xs = json.load(sys.stdin)',
    "COMMENT_RE = re.compile(r'(^|\\s+)#.*$')",
    "json.dump({'strip': [x.strip() for x in xs], 'splitlines': [x.splitlines() for x in xs], 'uncommented': [COMMENT_RE.sub('', x).strip() for x in xs]}, sys.stdout)",
  ].join('\n');
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(samples), encoding: 'utf8' }));
}

test('pythonStrip, pySplitLines and comment removal give what Python gives', () => {
  const expected = python(samples);
  assert.deepEqual(samples.map((s) => pythonStrip(s)), expected.strip);
  assert.deepEqual(samples.map(pySplitLines), expected.splitlines);
  // Each one-line sample through the reader: pip drops the comment, then strips; an empty line is no line.
  samples.forEach((sample, i) => {
    if (pySplitLines(sample).length !== 1) return;
    const uncommented = expected.uncommented[i]!;
    assert.deepEqual(logicalLines(sample, {}).map((l) => l.written), uncommented ? [uncommented] : [], JSON.stringify(sample));
  });
});
