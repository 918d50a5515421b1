/**
 * Where a JSON text first goes wrong, as a character offset: V8 stopped saying ("… is not valid JSON"
 * names no position on Node 20), and an error without a line sends the user hunting. A small
 * recursive-descent walk over RFC 8259's grammar; only called after JSON.parse has already failed.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  // JSON.parse takes any depth; this walk recurses, so past MAX_DEPTH the place given is where the
  // nesting got that deep. Python's json module (pipenv's, Heroku's) gives up near 1,000 levels too.
  let depth = 0;
  const fail = (): never => {
    throw i;
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = (word: string) => (text.startsWith(word, i) ? (i += word.length) : fail());
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) fail();
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const number = () => {
    // Sticky, not text.slice(i): a lock file of many numbers would be read quadratically.
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) fail();
    i += m![0].length;
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') return members('}', () => {
      space();
      if (text[i] !== '"') fail();
      string();
      space();
      if (text[i] !== ':') fail();
      i++;
      value();
    });
    if (c === '[') return members(']', value);
    if (c === '"') return string();
    if (c === 't') return void literal('true');
    if (c === 'f') return void literal('false');
    if (c === 'n') return void literal('null');
    return number();
  };
  const members = (close: string, member: () => void) => {
    if (++depth > MAX_DEPTH) fail();
    i++;
    space();
    if (text[i] === close) return void (i++, depth--);
    for (;;) {
      member();
      space();
      if (text[i] === ',') i++;
      else if (text[i] === close) return void (i++, depth--);
      else fail();
    }
  };
  try {
    value();
    space();
    if (i < text.length) fail();
    return -1;
  } catch (at) {
    if (typeof at === 'number') return Math.min(at, text.length);
    throw at;
  }
}

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const MAX_DEPTH = 1_000;

/** The 1-based line of the first JSON error in `text`. */
export function jsonErrorLine(text: string): number {
  return jsonErrorPlace(text).line;
}

/** The 1-based line and column (in characters) of the first JSON error in `text`. */
export function jsonErrorPlace(text: string): { line: number; column: number } {
  const at = Math.max(0, jsonErrorOffset(text));
  const before = text.slice(0, at);
  const lineStart = before.lastIndexOf('\n') + 1;
  let line = 1;
  for (let j = before.indexOf('\n'); j >= 0; j = before.indexOf('\n', j + 1)) line++;
  return { line, column: at - lineStart + 1 };
}

/**
 * `Pipfile.lock:12:5: not valid JSON`, for a text JSON.parse refused. V8's own message is not used: it
 * quotes the text around the error, which may be a token or a password.
 */
export function jsonSyntaxMessage(file: string, text: string): string {
  const { line, column } = jsonErrorPlace(text);
  return `${file}:${line}:${column}: not valid JSON`;
}
