/**
 * PEP 508 requirement strings as `packaging` (which pip vendors) accepts them: a name, extras, then either
 * `@ URL` or version specifiers, optionally in parentheses. Markers are checked separately, because pip
 * cuts them off at the first `;` before the rest is parsed. Errors use packaging's wording.
 */
export interface Pep508Requirement {
  rawName: string;
  extras: string[];
  /** The clauses with inner whitespace removed, joined by commas: `>=3.2,<4`. */
  specifier: string;
  url?: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const NAME_RE = /[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/y;
const WS_RE = /[ \t]*/y;

const PRE = String.raw`(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?`;
const POST = String.raw`(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?`;
const DEV = String.raw`(?:[-_.]?dev[-_.]?[0-9]*)?`;
const LOCAL = String.raw`(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?`;
const RELEASE = String.raw`v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*`;
/**
 * One clause, per operator family, as packaging's Specifier regex allows it. One regex per family,
 * chosen by the operator where the clause starts, rather than their alternation: V8 compiles a regex
 * on its first use, and the whole alternation took a millisecond of every check's start. The families
 * begin with different operators (`===` before `==`), so the choice is the alternation's own.
 */
const SPECIFIER_FAMILIES: ReadonlyArray<readonly [RegExp, string]> = [
  [/===/y, String.raw`===\s*[^\s;)]+`],
  [/==|!=/y, String.raw`(?:==|!=)\s*${RELEASE}(?:\.\*|${PRE}${POST}${DEV}${LOCAL})`],
  [/~=/y, String.raw`~=\s*v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)+${PRE}${POST}${DEV}`],
  [/<=|>=|<|>/y, String.raw`(?:<=|>=|<|>)\s*${RELEASE}${PRE}${POST}${DEV}`],
];
const compiledFamilies = new Map<string, RegExp>();

/** The clause regex for the operator at `pos`; undefined when no clause starts there. */
function specifierAt(text: string, pos: number): RegExp | undefined {
  for (const [operator, source] of SPECIFIER_FAMILIES) {
    operator.lastIndex = pos;
    if (!operator.test(text)) continue;
    let compiled = compiledFamilies.get(source);
    if (!compiled) {
      compiled = new RegExp(source, 'iy');
      compiledFamilies.set(source, compiled);
    }
    return compiled;
  }
  return undefined;
}

/** PEP 503: lower case, runs of `-`, `_` and `.` become one `-`. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export function isValidProjectName(name: string): boolean {
  return /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/.test(name);
}

export function parsePep508(text: string): Parsed<Pep508Requirement> {
  const cursor = new Cursor(text);
  cursor.skip(WS_RE);
  const rawName = cursor.take(NAME_RE);
  if (!rawName) return fail('Expected package name at the start of dependency specifier');
  cursor.skip(WS_RE);
  const extras: string[] = [];
  if (cursor.eat('[')) {
    cursor.skip(WS_RE);
    if (!cursor.eat(']')) {
      for (;;) {
        const extra = cursor.take(NAME_RE);
        if (!extra) return fail('Expected extra name after comma');
        extras.push(extra);
        cursor.skip(WS_RE);
        if (cursor.eat(']')) break;
        if (cursor.done()) return fail('Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras');
        if (!cursor.eat(',')) return fail('Expected comma between extra names');
        cursor.skip(WS_RE);
      }
    }
    cursor.skip(WS_RE);
  }
  if (cursor.eat('@')) {
    cursor.skip(WS_RE);
    const url = cursor.take(/[^ \t]+/y);
    if (!url) return fail('Expected URL after @');
    cursor.skip(WS_RE);
    if (!cursor.done()) return fail('Expected semicolon (after URL and whitespace) or end');
    if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(url)) return fail(`Invalid URL: ${url}`);
    return { ok: true, value: { rawName, extras, specifier: '', url } };
  }
  const parens = cursor.eat('(');
  if (parens) cursor.skip(WS_RE);
  const clauses: string[] = [];
  for (;;) {
    const family = cursor.lookingAt(specifierAt);
    const clause = family && cursor.take(family);
    if (!clause) break;
    clauses.push(clause.replace(/\s+/g, ''));
    cursor.skip(WS_RE);
    if (!cursor.eat(',')) break;
    cursor.skip(WS_RE);
  }
  if (parens && !cursor.eat(')')) return fail('Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier');
  cursor.skip(WS_RE);
  if (!cursor.done()) {
    return fail(
      clauses.length
        ? 'Expected comma (within version specifier), semicolon (after version specifier) or end'
        : 'Expected semicolon (after name with no version specifier) or end',
    );
  }
  return { ok: true, value: { rawName, extras, specifier: clauses.join(','), url: undefined } };
}

const MARKER_VARIABLE =
  /(?:python_version|python_full_version|os[._]name|sys[._]platform|platform_(?:release|system)|platform[._](?:version|machine|python_implementation)|python_implementation|implementation_(?:name|version)|extras?|dependency_groups)(?![A-Za-z0-9_])/y;
const MARKER_STRING = /'[^']*'|"[^"]*"/y;
const MARKER_OP = /===|==|~=|!=|<=|>=|<|>|in(?![A-Za-z0-9_])|not[ \t]+in(?![A-Za-z0-9_])/y;
const BOOL_OP = /(?:and|or)(?![A-Za-z0-9_])/y;

/** Checks an environment marker against packaging's grammar; returns the error, or undefined when valid. */
export function markerError(text: string): string | undefined {
  const cursor = new Cursor(text);
  const error = markerExpression(cursor);
  if (error) return error;
  cursor.skip(WS_RE);
  return cursor.done() ? undefined : 'Expected end or boolean operator after marker';
}

function markerExpression(cursor: Cursor): string | undefined {
  for (;;) {
    const error = markerAtom(cursor);
    if (error) return error;
    cursor.skip(WS_RE);
    if (!cursor.take(BOOL_OP)) return undefined;
  }
}

function markerAtom(cursor: Cursor): string | undefined {
  cursor.skip(WS_RE);
  if (cursor.eat('(')) {
    const error = markerExpression(cursor);
    if (error) return error;
    cursor.skip(WS_RE);
    return cursor.eat(')') ? undefined : 'Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression';
  }
  if (!markerValue(cursor)) return 'Expected a marker variable or quoted string';
  cursor.skip(WS_RE);
  if (!cursor.take(MARKER_OP)) return 'Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in';
  cursor.skip(WS_RE);
  return markerValue(cursor) ? undefined : 'Expected a marker variable or quoted string';
}

function markerValue(cursor: Cursor): boolean {
  return cursor.take(MARKER_VARIABLE) !== undefined || cursor.take(MARKER_STRING) !== undefined;
}

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}

/** A read position over a string, matched with sticky regexes. */
class Cursor {
  private pos = 0;
  constructor(private readonly text: string) {}

  take(re: RegExp): string | undefined {
    re.lastIndex = this.pos;
    const match = re.exec(this.text);
    if (!match || match[0] === '') return undefined;
    this.pos += match[0].length;
    return match[0];
  }

  /** What `choose` makes of the text from the read position. */
  lookingAt<T>(choose: (text: string, pos: number) => T): T {
    return choose(this.text, this.pos);
  }

  skip(re: RegExp): void {
    this.take(re);
  }

  at(literal: string): boolean {
    return this.text.startsWith(literal, this.pos);
  }

  eat(literal: string): boolean {
    if (!this.at(literal)) return false;
    this.pos += literal.length;
    return true;
  }

  done(): boolean {
    return this.pos >= this.text.length;
  }
}
