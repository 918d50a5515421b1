/**
 * The evaluation budget: a short settings file that asks for unbounded work gets an Unknown saying
 * it is too large to evaluate, at its line, and the settings around it are still read. Speed and
 * memory of these cases are measured by `npm run bench fuzz`, not here.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Unknown } from '../../../src/project/python-value.js';
import { Budget, TooLarge } from '../../../src/project/settings/budget.js';
import { parsePython } from '../../../src/project/settings/parser.js';
import { evaluateCase, py, runCases } from './harness.js';

const TOO_LARGE = /^too large to evaluate without running the code$/;

function origin(file: string) {
  return (result: Awaited<ReturnType<typeof evaluateCase>>['result'], name: string, line: number): void => {
    const value = result.settings.get(name)!.value;
    assert.ok(value instanceof Unknown, `${name} should be unknown`);
    assert.equal(`${value.file}:${value.line}`, `${file}:${line}`, `place of ${name}`);
  };
}
const at = origin('proj/settings.py');

runCases('budget', [
  {
    name: 'a list doubled thirty times',
    files: { 'proj/settings.py': `A = [0]\n${'A = A + A\n'.repeat(30)}DEBUG = False\n` },
    unknown: { A: TOO_LARGE },
    values: { DEBUG: false },
    // 2**20 more items is past the budget: the statement that would build them is the one named.
    check: (result) => at(result, 'A', 21),
  },
  {
    name: 'a list of a billion items is never built',
    files: { 'proj/settings.py': 'A = [0] * 10**9\nB = [0] * 3\n' },
    unknown: { A: TOO_LARGE },
    values: { B: [0, 0, 0] },
    check: (result) => at(result, 'A', 1),
  },
  {
    name: 'a range repeated ten thousand times',
    files: { 'proj/settings.py': 'A = list(range(10**4)) * 10**4\nB = len(list(range(10**4)))\n' },
    unknown: { A: TOO_LARGE },
    values: { B: 10_000 },
  },
  {
    name: 'a long string replaced until it is too large',
    files: { 'proj/settings.py': py(`
      S = 'ab' * 10**5
      S = S.replace('a', 'aaaa')
      S = S.replace('a', 'aaaa')
      S = S.replace('a', 'aaaa')
      T = 'x'.replace('x', 'y')
    `) },
    unknown: { S: TOO_LARGE },
    values: { T: 'y' },
    check: (result) => at(result, 'S', 3),
  },
  {
    name: 'nested loops run the budget dry: what they and later statements set is unknown',
    files: { 'proj/settings.py': py(`
      DEBUG = False
      X = 0
      for i in range(3000):
          for j in range(3000):
              X = X + 1
      SECRET_KEY = 'set after the loops'
    `) },
    unknown: { X: TOO_LARGE, SECRET_KEY: TOO_LARGE },
    values: { DEBUG: false },
    check: (result) => at(result, 'SECRET_KEY', 6),
  },
  {
    name: 'a dict comprehension over a million items',
    files: { 'proj/settings.py': 'D = {i: i for i in range(10**6)}\nE = {i: i for i in range(3)}\n' },
    unknown: { D: /too long to follow|too large to evaluate/ },
    values: { E: { 0: 0, 1: 1, 2: 2 } },
  },
  {
    name: 'a list holding itself is unknown, not an endless repr',
    files: { 'proj/settings.py': 'A = []\nA.append(A)\nB = str(A)\nC = 1\n' },
    unknown: { A: TOO_LARGE },
    values: { C: 1 },
  },
  {
    name: 'a list holding the same list twice, thirty times over, is too large to print',
    files: { 'proj/settings.py': `A = [0]\n${'A = [A, A]\n'.repeat(30)}B = str(A)\nC = 1\n` },
    unknown: { A: TOO_LARGE, B: TOO_LARGE },
    values: { C: 1 },
  },
  {
    name: 'a format width of a billion',
    files: { 'proj/settings.py': "A = f'{1:>1000000000}'\nB = 'x'.ljust(10**9)\nC = f'{1:>3}'\n" },
    unknown: { A: TOO_LARGE, B: TOO_LARGE },
    values: { C: '  1' },
  },
  {
    name: 'a set of ten thousand distinct items stays cheap and known',
    files: { 'proj/settings.py': 'S = len(set(range(10**4)) | set(range(5000, 15000)))\n' },
    values: { S: 15_000 },
  },
  {
    name: 'deeply nested expressions within what Python compiles give Unknown, not a stack overflow',
    files: { 'proj/settings.py': `X = ${'-'.repeat(2500)}1\nY = 2\n` },
    unknown: { X: TOO_LARGE },
    values: { Y: 2 },
  },
]);

for (const [name, source, message] of [
  ['20,000 nested parentheses', `X = ${'('.repeat(20_000)}1${')'.repeat(20_000)}\n`, /^proj\/settings\.py:1: invalid Python syntax \(too many nested parentheses/],
  ['201 nested brackets', `X = ${'['.repeat(201)}1${']'.repeat(201)}\n`, /^proj\/settings\.py:1: invalid Python syntax \(too many nested parentheses/],
  ['a sum of 20,000 terms', `DEBUG = False\nX = ${Array(20_000).fill('1').join(' + ')}\n`, /^proj\/settings\.py:2: invalid Python syntax \(expressions nested more than 3,000 levels deep/],
] as const) {
  test(`budget: ${name} is the syntax error Python gives, in one line`, async () => {
    await assert.rejects(evaluateCase({ name, files: { 'proj/settings.py': source } }), (error: Error) => {
      assert.match(error.message, message);
      assert.doesNotMatch(error.message, /\n/);
      return true;
    });
  });
}

test('budget: a megabyte of one-line statements is refused in one line before it is parsed in full', async () => {
  const source = `DEBUG = False\n${'X=0\n'.repeat(260_000)}`;
  await assert.rejects(evaluateCase({ name: 'many', files: { 'proj/settings.py': source } }), (error: Error) => {
    assert.match(error.message, /^proj\/settings\.py: is more Python than implanta reads \(over 100,000 syntax nodes/);
    assert.doesNotMatch(error.message, /\n/);
    return true;
  });
});

test('budget: a long but ordinary settings module (3,000 settings, 100 KB) is read in full', async () => {
  const lines = Array.from({ length: 3000 }, (_, i) => `SETTING_${i} = {'name': 'value number ${i}', 'on': True}`);
  const { result } = await evaluateCase({ name: 'long', files: { 'proj/settings.py': `${lines.join('\n')}\nDEBUG = False\n` } });
  assert.equal(result.settings.get('DEBUG')!.value, false);
  assert.equal(result.settings.names().filter((n) => n.startsWith('SETTING_')).length, 3000);
});

test('budget: after a file past the parse cap, the next file is parsed from its own start', async () => {
  assert.equal(await parsePython('X=0\n'.repeat(260_000)), undefined);
  const tree = await parsePython('Y = 1\n');
  assert.equal(tree!.rootNode.text, 'Y = 1\n');
  assert.equal(tree!.rootNode.hasError, false);
});

test('budget: 200 nested brackets are still Python, and evaluated', async () => {
  const { result } = await evaluateCase({ name: '200', files: { 'proj/settings.py': `X = ${'['.repeat(200)}1${']'.repeat(200)}\n` } });
  assert.ok(result.settings.get('X'));
});

test('budget: a request that does not fit draws nothing; many small steps run it dry for good', () => {
  const budget = new Budget({ steps: 10, units: 100, depth: 3 });
  assert.throws(() => budget.allocate(101), TooLarge);
  budget.allocate(99);
  assert.throws(() => budget.step(undefined, 11), TooLarge);
  assert.equal(budget.exhausted, false);
  for (let i = 0; i < 10; i++) budget.step();
  assert.throws(() => budget.step(), TooLarge);
  assert.equal(budget.exhausted, true);
  budget.enter();
  budget.enter();
  budget.enter();
  assert.throws(() => budget.enter(), TooLarge);
  budget.leave();
  budget.enter();
});
