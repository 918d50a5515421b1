import { StringDecoder } from 'node:string_decoder';

/**
 * Calls `onLine` for every line of a byte stream (a file, stdin, an HTTP body) as it arrives, holding
 * at most one chunk and one unfinished line: a 1 GB file never sits in memory.
 */
/**
 * Like forEachLine, for a reader that wants no line strings: `onLine(text, start, end)` gets the
 * decoded chunk and the bounds of each line (without its line break). Lines are in one chunk string.
 */
export async function forEachLineRange(chunks: AsyncIterable<Uint8Array | string>, onLine: (text: string, start: number, end: number) => void, encoding: 'utf8' | 'latin1' = 'utf8'): Promise<void> {
  const decoder = new StringDecoder(encoding);
  let rest = '';
  for await (const chunk of chunks) {
    const decoded = typeof chunk === 'string' ? chunk : encoding === 'latin1' ? (chunk as Buffer).toString('latin1') : decoder.write(chunk as Buffer);
    const text = rest === '' ? decoded : rest + decoded;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      onLine(text, start, nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  if (encoding !== 'latin1') rest += decoder.end();
  if (rest !== '') onLine(rest, 0, rest.endsWith('\r') ? rest.length - 1 : rest.length);
}

export async function forEachLine(chunks: AsyncIterable<Uint8Array | string>, onLine: (line: string) => void, encoding: 'utf8' | 'latin1' = 'utf8'): Promise<void> {
  // latin1 maps each byte to one character: no decoding work, and nothing split mid-character.
  const decoder = new StringDecoder(encoding);
  let rest = '';
  for await (const chunk of chunks) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      onLine(text.slice(start, end));
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  rest += decoder.end();
  if (rest !== '') onLine(rest.endsWith('\r') ? rest.slice(0, -1) : rest);
}
