import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDotenv } from '../../src/project/dotenv.js';
import { InputError } from '../../src/core/errors.js';

const cases: Array<[string, string, Record<string, string>]> = [
  ['plain', 'A=1\nB = two ', { A: '1', B: 'two' }],
  ['export and comments', '# top\nexport A=x # trailing\n\nB=y#not-a-comment', { A: 'x', B: 'y#not-a-comment' }],
  ['single quotes are literal', "A='a\\nb # c'", { A: 'a\\nb # c' }],
  ['double quotes unescape', 'A="line1\\nline2 \\"q\\""', { A: 'line1\nline2 "q"' }],
  ['multi-line double quotes', 'A="one\ntwo"\nB=3', { A: 'one\ntwo', B: '3' }],
  ['empty value', 'A=\nB=""', { A: '', B: '' }],
  ['BOM and CRLF', '\uFEFFA=1\r\nB=2\r\n', { A: '1', B: '2' }],
];

for (const [name, text, expected] of cases) {
  test(`dotenv: ${name}`, () => {
    const got = Object.fromEntries(parseDotenv(text, '.env').map((e) => [e.key, e.value]));
    assert.deepEqual(got, expected);
  });
}

test('dotenv: a line that is not KEY=VALUE names its line', () => {
  assert.throws(() => parseDotenv('A=1\nthis is wrong\n', 'prod.env'), (e: unknown) => e instanceof InputError && e.message === 'prod.env:2: not a KEY=VALUE line');
});

test('dotenv: an unterminated quote names the line it opened on', () => {
  assert.throws(() => parseDotenv('A=1\nB="open\nC=2', 'prod.env'), /prod\.env:2: unterminated " quote/);
});
