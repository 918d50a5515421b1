/**
 * A TOML reader sized for lock files (poetry.lock, uv.lock): tables, arrays of tables, dotted keys,
 * basic and literal strings (single and multi-line), integers, floats, booleans, arrays and inline
 * tables. Dates are kept as their text. Errors carry the line, so a malformed lock file can be named
 * precisely. Each table remembers the line of its header (or of its `{`) through `lineOf`.
 */
export type TomlValue = string | number | boolean | TomlValue[] | TomlTable;
export interface TomlTable {
  [key: string]: TomlValue;
}

export class TomlError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export interface TomlDocument {
  root: TomlTable;
  lineOf(table: TomlTable): number | undefined;
}

export function parseToml(text: string): TomlDocument {
  return new TomlParser(text).parse();
}

const BARE_KEY = /[A-Za-z0-9_-]+/y;
const NUMBER = /[+-]?(?:0x[0-9A-Fa-f_]+|0o[0-7_]+|0b[01_]+|inf|nan|[0-9_]+(?:\.[0-9_]+)?(?:[eE][+-]?[0-9_]+)?)/y;
const DATE = /\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?)?|\d{2}:\d{2}:\d{2}(?:\.\d+)?/iy;
const ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', e: '\x1b', '"': '"', '\\': '\\' };

class TomlParser {
  private pos = 0;
  private readonly lines = new WeakMap<TomlTable, number>();
  /** Tables defined by a header or inline: TOML forbids defining them twice. */
  private readonly defined = new WeakSet<TomlTable>();
  /** Offsets where each line starts, for line numbers without rescanning the text. */
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  parse(): TomlDocument {
    const root: TomlTable = {};
    let current = root;
    for (;;) {
      this.skipBlank(true);
      if (this.pos >= this.text.length) break;
      if (this.text.startsWith('[[', this.pos)) {
        current = this.arrayTableHeader(root);
      } else if (this.text[this.pos] === '[') {
        current = this.tableHeader(root);
      } else {
        this.keyValue(current);
      }
      this.endOfLine();
    }
    return { root, lineOf: (table) => this.lines.get(table) };
  }

  private tableHeader(root: TomlTable): TomlTable {
    const line = this.line();
    this.pos++;
    const keys = this.key();
    this.expect(']');
    const table = this.descend(root, keys.slice(0, -1));
    const last = keys[keys.length - 1]!;
    const existing = table[last];
    if (existing !== undefined) {
      if (!isTable(existing) || this.defined.has(existing)) return this.fail(`table [${keys.join('.')}] defined twice`);
      this.defined.add(existing);
      return existing;
    }
    const created: TomlTable = {};
    table[last] = created;
    this.defined.add(created);
    this.lines.set(created, line);
    return created;
  }

  private arrayTableHeader(root: TomlTable): TomlTable {
    const line = this.line();
    this.pos += 2;
    const keys = this.key();
    this.expect(']]');
    const table = this.descend(root, keys.slice(0, -1));
    const last = keys[keys.length - 1]!;
    const array = table[last] ?? (table[last] = []);
    if (!Array.isArray(array)) this.fail(`[[${keys.join('.')}]] but ${last} is not an array of tables`);
    const created: TomlTable = {};
    (array as TomlValue[]).push(created);
    this.lines.set(created, line);
    return created;
  }

  /** Walks to a table, creating missing ones; an array of tables means its last element. */
  private descend(table: TomlTable, keys: string[]): TomlTable {
    let current = table;
    for (const key of keys) {
      let next = current[key];
      if (next === undefined) {
        next = {};
        current[key] = next;
        this.lines.set(next, this.line());
      }
      if (Array.isArray(next)) next = next[next.length - 1]!;
      if (!isTable(next)) return this.fail(`${key} is not a table`);
      current = next;
    }
    return current;
  }

  private keyValue(table: TomlTable): void {
    const keys = this.key();
    this.skipSpace();
    this.expect('=');
    this.skipSpace();
    const value = this.value();
    const target = this.descend(table, keys.slice(0, -1));
    const last = keys[keys.length - 1]!;
    if (last in target) this.fail(`duplicate key ${keys.join('.')}`);
    target[last] = value;
  }

  private key(): string[] {
    const keys: string[] = [];
    for (;;) {
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === '"' || c === "'") keys.push(this.string());
      else {
        const bare = this.match(BARE_KEY);
        if (bare === undefined) this.fail('expected a key');
        keys.push(bare);
      }
      this.skipSpace();
      if (this.text[this.pos] !== '.') return keys;
      this.pos++;
    }
  }

  private value(): TomlValue {
    const c = this.text[this.pos];
    if (c === '"' || c === "'") return this.string();
    if (c === '[') return this.array();
    if (c === '{') return this.inlineTable();
    if (this.text.startsWith('true', this.pos)) return (this.pos += 4), true;
    if (this.text.startsWith('false', this.pos)) return (this.pos += 5), false;
    const date = this.match(DATE);
    if (date !== undefined) return date;
    const number = this.match(NUMBER);
    if (number !== undefined) return toNumber(number);
    return this.fail('expected a value');
  }

  private array(): TomlValue[] {
    this.pos++;
    const items: TomlValue[] = [];
    for (;;) {
      this.skipBlank(true);
      if (this.text[this.pos] === ']') break;
      items.push(this.value());
      this.skipBlank(true);
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== ']') this.fail("expected ',' or ']' in array");
    }
    this.pos++;
    return items;
  }

  /** Inline tables; newlines and a trailing comma are accepted, as TOML 1.1 allows. */
  private inlineTable(): TomlTable {
    const table: TomlTable = {};
    this.lines.set(table, this.line());
    this.pos++;
    for (;;) {
      this.skipBlank(true);
      if (this.text[this.pos] === '}') break;
      this.keyValue(table);
      this.skipBlank(true);
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== '}') this.fail("expected ',' or '}' in inline table");
    }
    this.pos++;
    this.defined.add(table);
    return table;
  }

  private string(): string {
    const quote = this.text[this.pos]!;
    const triple = this.text.startsWith(quote.repeat(3), this.pos);
    const delimiter = triple ? quote.repeat(3) : quote;
    this.pos += delimiter.length;
    if (triple && this.text[this.pos] === '\n') this.pos++;
    else if (triple && this.text.startsWith('\r\n', this.pos)) this.pos += 2;
    let out = '';
    for (;;) {
      if (this.pos >= this.text.length) this.fail('unterminated string');
      if (this.text.startsWith(delimiter, this.pos)) {
        // A multi-line string may end with up to two extra quotes before its closing delimiter.
        while (triple && this.text[this.pos + 3] === quote) out += this.text[this.pos++];
        this.pos += delimiter.length;
        return out;
      }
      const c = this.text[this.pos]!;
      if (!triple && c === '\n') this.fail('newline in a single-line string');
      if (c === '\\' && quote === '"') out += this.escape(triple);
      else {
        out += c;
        this.pos++;
      }
    }
  }

  private escape(multiline: boolean): string {
    const next = this.text[this.pos + 1] ?? '';
    if (next in ESCAPES) return (this.pos += 2), ESCAPES[next]!;
    if (next === 'u' || next === 'U') {
      const hex = this.text.slice(this.pos + 2, this.pos + (next === 'u' ? 6 : 10));
      if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== (next === 'u' ? 4 : 8)) this.fail('bad unicode escape');
      this.pos += 2 + hex.length;
      return String.fromCodePoint(parseInt(hex, 16));
    }
    if (multiline && /[ \t\r\n]/.test(next)) {
      // Line-ending backslash: drop it and all whitespace up to the next visible character.
      this.pos++;
      while (/[ \t\r\n]/.test(this.text[this.pos] ?? '')) this.pos++;
      return '';
    }
    return this.fail(`bad escape \\${next}`);
  }

  private skipSpace(): void {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
  }

  /** Spaces and comments, and newlines too when `newlines`. */
  private skipBlank(newlines: boolean): void {
    for (;;) {
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === '#') while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++;
      else if (newlines && (c === '\n' || c === '\r')) this.pos++;
      else return;
    }
  }

  private endOfLine(): void {
    this.skipBlank(false);
    if (this.pos >= this.text.length) return;
    if (this.text.startsWith('\r\n', this.pos)) this.pos += 2;
    else if (this.text[this.pos] === '\n') this.pos++;
    else this.fail('expected the end of the line');
  }

  private expect(literal: string): void {
    if (!this.text.startsWith(literal, this.pos)) this.fail(`expected '${literal}'`);
    this.pos += literal.length;
  }

  private match(re: RegExp): string | undefined {
    re.lastIndex = this.pos;
    const found = re.exec(this.text);
    if (!found || found[0] === '') return undefined;
    this.pos += found[0].length;
    return found[0];
  }

  private line(): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= this.pos) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }

  private fail(message: string): never {
    throw new TomlError(message, this.line());
  }
}

export function isTable(value: TomlValue | undefined): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toNumber(text: string): number {
  const clean = text.replace(/_/g, '');
  if (/^[+-]?inf$/.test(clean)) return clean.startsWith('-') ? -Infinity : Infinity;
  return /^[+-]?nan$/.test(clean) ? NaN : Number(clean);
}
