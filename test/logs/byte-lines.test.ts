import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ByteKeys } from '../../src/logs/byte-keys.js';
import { LineSplitter } from '../../src/logs/byte-lines.js';
import { LogSummarizer } from '../../src/logs/summary.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/logs/mixed.log');

/** Feeds `bytes` in chunks of the given sizes (cycling) through a splitter with a `size`-byte buffer. */
function split(bytes: Buffer, chunkSizes: number[], size?: number): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter({ addLine: (b, start, end) => lines.push(b.toString('utf8', start, end)) }, size);
  for (let offset = 0, i = 0; offset < bytes.length; i++) {
    const n = chunkSizes[i % chunkSizes.length]!;
    splitter.push(bytes.subarray(offset, offset + n));
    offset += n;
  }
  splitter.end();
  return lines;
}

test('lines come out whole however the reads cut them: CRLF, a UTF-8 character split across reads, no final line break', () => {
  const text = 'first line\r\nsecond café line\n\nthird, no line break at the end';
  const bytes = Buffer.from(text, 'utf8');
  const expected = ['first line', 'second café line', '', 'third, no line break at the end'];
  for (const sizes of [[1], [2, 3], [7], [bytes.length]]) assert.deepEqual(split(bytes, sizes, 64), expected, `chunks of ${sizes}`);
  assert.deepEqual(split(Buffer.from('a\nb\n'), [1]), ['a', 'b'], 'a final line break makes no empty last line');
});

test('a line longer than the buffer is cut at the buffer and the rest of it dropped: memory stays fixed', () => {
  const long = 'x'.repeat(100);
  const lines = split(Buffer.from(`short\n${long}\nafter\n${'y'.repeat(40)}`), [9], 32);
  assert.deepEqual(lines, ['short', 'x'.repeat(32), 'after', 'y'.repeat(32)]);
});

test('a summary fed through the splitter in odd-sized reads is the summary of the lines one by one', () => {
  const bytes = readFileSync(FIXTURE);
  const byLine = new LogSummarizer();
  for (const line of bytes.toString('utf8').split('\n')) if (line !== '') byLine.add(line);
  for (const sizes of [[1], [13, 5, 101], [4096]]) {
    const byBytes = new LogSummarizer();
    const splitter = new LineSplitter(byBytes, 512);
    for (let offset = 0, i = 0; offset < bytes.length; i++) {
      const n = sizes[i % sizes.length]!;
      splitter.push(bytes.subarray(offset, offset + n));
      offset += n;
    }
    splitter.end();
    assert.deepEqual(byBytes.result(), byLine.result(), `reads of ${sizes}`);
  }
});

test('byte keys: the same bytes get the same number wherever they lie; new keys past the limit get -1', () => {
  const keys = new ByteKeys(3000);
  const ids = new Map<string, number>();
  for (let i = 0; i < 3000; i++) {
    const key = `/articles/${i}/`;
    const bytes = Buffer.from(`xx${key}yy`);
    const id = keys.id(bytes, 2, 2 + key.length);
    assert.equal(ids.has(key), false);
    ids.set(key, id);
  }
  assert.equal(keys.size, 3000);
  for (const [key, id] of ids) {
    assert.equal(keys.id(Buffer.from(key), 0, key.length), id, key);
    assert.equal(keys.text(id), key);
  }
  assert.equal(keys.id(Buffer.from('/new/'), 0, 5), -1, 'full: a new key is not kept');
  assert.equal(keys.id(Buffer.from('/articles/7/'), 0, 12), ids.get('/articles/7/'), 'known keys are still found');
  const utf8 = new ByteKeys(10);
  const id = utf8.id(Buffer.from('/café/'), 0, Buffer.byteLength('/café/'));
  assert.equal(utf8.text(id), '/café/');
  assert.equal(utf8.id(Buffer.from(''), 0, 0), utf8.id(Buffer.from('x'), 0, 0), 'the empty key is one key');
});
