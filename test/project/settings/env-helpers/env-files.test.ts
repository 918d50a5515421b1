import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseEnvFile, type EnvFileDialect } from '../../../../src/project/settings/env-helpers/env-files.js';

/** The same text read by each library differs: each row is what that library's own parser gives. */
const cases: Array<[string, EnvFileDialect, string, Record<string, string | null>]> = [
  ['python-dotenv: export, quotes, comments', 'python-dotenv', 'export A=1\nB="x # y"\nC=z # comment\nD=\'lit\\n\'\nE="esc\\n"\n# whole line\n', { A: '1', B: 'x # y', C: 'z', D: 'lit\\n', E: 'esc\n' }],
  ['python-dotenv: a key without = and a quoted multi-line value', 'python-dotenv', 'FLAG\nM="one\ntwo"\nN=3\n', { FLAG: null, M: 'one\ntwo', N: '3' }],
  ['python-dotenv: junk after a closing quote drops the line', 'python-dotenv', 'A="x" junk\nB=ok\n', { B: 'ok' }],
  ['django-environ: KEY=value only, comments kept in bare values', 'django-environ', "A=1\nB = 2\nC=x # not a comment\nD='q'\nexport E=5\nnot a line\n", { A: '1', C: 'x # not a comment', D: 'q', E: '5' }],
  ['decouple: split at the first =, strip, one pair of quotes', 'decouple', "A = spaced \nB='q'\nC=a=b\n# c\nnoequals\n", { A: 'spaced', B: 'q', C: 'a=b' }],
  ['ini: the [settings] section, keys lower-cased, %% and %(ref)s', 'ini', '[other]\nx = 1\n[settings]\nDEBUG = True\nurl = http://%(host)s/\nhost: example.com\npct = 50%%\nlong = first\n  second\n', { debug: 'True', url: 'http://example.com/', host: 'example.com', pct: '50%', long: 'first\nsecond' }],
];

for (const [name, dialect, text, expected] of cases) {
  test(`env files: ${name}`, () => assert.deepEqual(Object.fromEntries(parseEnvFile(text, dialect)), expected));
}
