import { normalizeName } from '../project/requirements/pep508.js';
import { isValidVersion, versionSatisfies } from '../versions/pep440.js';

/**
 * PEP 508 environment markers evaluated for a Heroku dyno (CPython on x86-64 Linux) running the given
 * Python: a dependency declared `; sys_platform == "win32"` or `; extra == "argon2"` does not bind an
 * app that installs neither. Markers that do not parse count as applying, the cautious reading.
 */
export function markerApplies(marker: string | undefined, python: string, extras: readonly string[] = []): boolean {
  if (!marker) return true;
  const tokens = tokenize(marker);
  if (!tokens) return true;
  // An `extra` marker holds when any requested extra (or none, as '') makes it true.
  return ['', ...extras.map(normalizeName)].some((extra) => {
    const parser = new Parser(tokens, herokuEnvironment(python, extra));
    const value = parser.expression();
    return value === undefined || !parser.done() ? true : value;
  });
}

function herokuEnvironment(python: string, extra: string): Record<string, string> {
  const series = python.split('.').slice(0, 2).join('.');
  return {
    python_version: series,
    python_full_version: python,
    implementation_version: python,
    implementation_name: 'cpython',
    platform_python_implementation: 'CPython',
    os_name: 'posix',
    sys_platform: 'linux',
    platform_system: 'Linux',
    platform_machine: 'x86_64',
    platform_release: '',
    platform_version: '',
    extra,
  };
}

const VERSION_VARIABLES = new Set(['python_version', 'python_full_version', 'implementation_version']);

type Token = { kind: 'string' | 'variable' | 'op' | 'bool' | 'paren'; text: string };

const TOKEN_RE = /\s*(?:('[^']*'|"[^"]*")|(===|==|~=|!=|<=|>=|<|>|not\s+in\b|in\b)|(and\b|or\b)|([()])|([A-Za-z_][A-Za-z0-9_.]*))/y;

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  while (TOKEN_RE.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN_RE.lastIndex))) break;
    const m = TOKEN_RE.exec(text);
    if (!m) return undefined;
    if (m[1]) tokens.push({ kind: 'string', text: m[1].slice(1, -1) });
    else if (m[2]) tokens.push({ kind: 'op', text: m[2].replace(/\s+/, ' ') });
    else if (m[3]) tokens.push({ kind: 'bool', text: m[3] });
    else if (m[4]) tokens.push({ kind: 'paren', text: m[4] });
    else tokens.push({ kind: 'variable', text: m[5]!.replace(/\./g, '_') });
  }
  return tokens;
}

/** expression := conjunction ('or' conjunction)*; conjunction := atom ('and' atom)*; undefined on a syntax error. */
class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly env: Record<string, string>,
  ) {}

  done(): boolean {
    return this.pos >= this.tokens.length;
  }

  expression(): boolean | undefined {
    let value = this.conjunction();
    while (value !== undefined && this.peek('bool', 'or')) {
      this.pos++;
      const right = this.conjunction();
      value = right === undefined ? undefined : value || right;
    }
    return value;
  }

  private conjunction(): boolean | undefined {
    let value = this.atom();
    while (value !== undefined && this.peek('bool', 'and')) {
      this.pos++;
      const right = this.atom();
      value = right === undefined ? undefined : value && right;
    }
    return value;
  }

  private atom(): boolean | undefined {
    if (this.peek('paren', '(')) {
      this.pos++;
      const value = this.expression();
      if (!this.peek('paren', ')')) return undefined;
      this.pos++;
      return value;
    }
    const left = this.tokens[this.pos++];
    const op = this.tokens[this.pos++];
    const right = this.tokens[this.pos++];
    if (!left || !op || !right || op.kind !== 'op') return undefined;
    const l = this.value(left);
    const r = this.value(right);
    if (l === undefined || r === undefined) return undefined;
    const versions = (left.kind === 'variable' && VERSION_VARIABLES.has(left.text)) || (right.kind === 'variable' && VERSION_VARIABLES.has(right.text));
    const isExtra = left.text === 'extra' || right.text === 'extra';
    return compare(isExtra ? normalizeName(l) : l, op.text, isExtra ? normalizeName(r) : r, versions);
  }

  private value(token: Token): string | undefined {
    if (token.kind === 'string') return token.text;
    if (token.kind === 'variable') return this.env[token.text];
    return undefined;
  }

  private peek(kind: Token['kind'], text: string): boolean {
    const token = this.tokens[this.pos];
    return token?.kind === kind && token.text === text;
  }
}

function compare(left: string, op: string, right: string, versions: boolean): boolean {
  if (op === 'in') return right.includes(left);
  if (op === 'not in') return !right.includes(left);
  if (versions && isValidVersion(left) && isValidVersion(right) && op !== '===') return versionSatisfies(left, `${op}${right}`);
  switch (op) {
    case '==':
    case '===':
      return left === right;
    case '!=':
      return left !== right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    default:
      return false;
  }
}
