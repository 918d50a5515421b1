import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseToml, TomlError, type TomlTable } from '../../../src/project/requirements/toml.js';

test('tables, arrays of tables and sub-tables of the last array element', () => {
  const doc = parseToml('version = 1\n\n[[package]]\nname = "a"\n\n[package.source]\ntype = "git"\n\n[[package]]\nname = "b"\n\n[metadata]\nlock-version = "2.1"\n');
  assert.deepEqual(doc.root, {
    version: 1,
    package: [{ name: 'a', source: { type: 'git' } }, { name: 'b' }],
    metadata: { 'lock-version': '2.1' },
  });
  const packages = doc.root['package'] as TomlTable[];
  assert.equal(doc.lineOf(packages[1]!), 9, 'a table knows the line of its header');
});

test('values: strings of every kind, numbers, booleans, arrays over lines, inline tables, dates', () => {
  const doc = parseToml(
    [
      `basic = "tab\\there \\u00e9 \\"q\\""`,
      `literal = 'C:\\path\\no-escape'`,
      'multi = """',
      'line one \\',
      '   continued"""',
      "raw = '''",
      "keep \\n as is'''",
      'int = 1_000',
      'neg = -3',
      'float = 2.5e3',
      'hex = 0xff',
      'yes = true',
      'no = false',
      'date = 2024-01-02T03:04:05Z',
      'list = [',
      '  1,  # a comment',
      '  2,',
      ']',
      'inline = { name = "x", extra = ["a", "b"], nested = { k = 1 } }',
      'dotted.key = "v"',
      '"quoted key" = 1',
    ].join('\n'),
  );
  assert.deepEqual(doc.root, {
    basic: 'tab\there é "q"',
    literal: 'C:\\path\\no-escape',
    multi: 'line one continued',
    raw: 'keep \\n as is',
    int: 1000,
    neg: -3,
    float: 2500,
    hex: 255,
    yes: true,
    no: false,
    date: '2024-01-02T03:04:05Z',
    list: [1, 2],
    inline: { name: 'x', extra: ['a', 'b'], nested: { k: 1 } },
    dotted: { key: 'v' },
    'quoted key': 1,
  });
});

const malformed: [string, number, RegExp][] = [
  ['a = 1\nb = \n', 2, /expected a value/],
  ['[[package]\nname = "x"\n', 1, /expected '\]\]'/],
  ['a = "open\nb = 1\n', 1, /newline in a single-line string/],
  ['a = 1\na = 2\n', 2, /duplicate key a/],
  ['[t]\n[t]\n', 2, /defined twice/],
  ['a = [1, 2\nb = 3\n', 2, /expected ',' or '\]'/],
  ['a = 1 b = 2\n', 1, /end of the line/],
  ['a = "\\q"\n', 1, /bad escape/],
];

for (const [text, line, message] of malformed) {
  test(`malformed TOML is an error with its line: ${JSON.stringify(text)}`, () => {
    assert.throws(() => parseToml(text), (error: unknown) => error instanceof TomlError && error.line === line && message.test(error.message));
  });
}
