import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { decodeRequirementsBytes } from '../../../src/project/requirements/decode.js';

const fixture = (dir: string) => readFileSync(new URL(`../../fixtures/requirements/${dir}/requirements.txt`, import.meta.url));

for (const dir of ['utf16le', 'utf16be', 'utf8bom']) {
  test(`${dir}: the byte-order mark picks the encoding and is not part of the text`, () => {
    const decoded = decodeRequirementsBytes(fixture(dir));
    assert.equal(decoded.problem, undefined);
    assert.equal(decoded.text, '# Requisitos da app\nDjango==5.0.3\nwhitenoise==6.6.0\n');
  });
}

test('a PEP 263 coding line makes latin-1 bytes readable', () => {
  const decoded = decodeRequirementsBytes(fixture('latin1'));
  assert.equal(decoded.problem, undefined);
  assert.match(decoded.text, /# Dépendances \(café\)\nDjango==5\.0\.3/);
});

test('latin-1 bytes without a coding line are a problem on the line pip trips on', () => {
  const decoded = decodeRequirementsBytes(fixture('not-utf8'));
  assert.equal(decoded.problem?.line, 2);
  assert.match(decoded.problem!.message, /not valid utf-8/);
  assert.match(decoded.text, /whitenoise==6\.6\.0/, 'the rest of the file is still read');
});

test('an encoding Python does not know is a problem, not a crash', () => {
  const decoded = decodeRequirementsBytes(fixture('unknown-coding'));
  assert.equal(decoded.problem?.line, 1);
  assert.match(decoded.problem!.message, /unknown encoding 'klingon-8'/);
});

const codingCases: [string, number[], string][] = [
  ['coding on the second line counts', [...Buffer.from('#!/bin/x\n# vim: set fileencoding=latin-1 :\n# \xe9\n', 'latin1')], '# é'],
  ['coding on the third line does not', [...Buffer.from('#\n#\n# coding: latin-1\n# ok\n')], '# ok'],
  ['a second U+FEFF after the BOM stays in the text', [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61], '\uFEFFa'],
];

for (const [name, bytes, expected] of codingCases) {
  test(name, () => {
    const decoded = decodeRequirementsBytes(Uint8Array.from(bytes));
    assert.equal(decoded.problem, undefined);
    assert.ok(decoded.text.includes(expected), decoded.text);
  });
}

test('an ascii declaration with non-ascii bytes is a problem', () => {
  const decoded = decodeRequirementsBytes(Uint8Array.from(Buffer.from('# coding: ascii\nx==1\n# \xe9\n', 'latin1')));
  assert.equal(decoded.problem?.line, 3);
});
