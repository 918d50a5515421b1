import { InputError } from '../core/errors.js';

/** One `machine` (or the `default`) entry of a .netrc file. */
export interface NetrcEntry {
  login?: string;
  password?: string;
  account?: string;
}

export interface Netrc {
  machines: Map<string, NetrcEntry>;
  default?: NetrcEntry;
}

interface Token {
  text: string;
  line: number;
}

/**
 * Parses a .netrc file as ftp(1) describes it: whitespace-separated tokens across any number of lines,
 * `machine NAME` entries, one `default` entry, `login` / `password` / `account` values, and `macdef`
 * bodies that run to the next blank line. Two extensions that curl and Python also read: a token may be
 * double-quoted (with backslash escapes) so a password can hold spaces, and `#` starts a comment.
 * `file` names the file in errors; values never appear in them.
 */
export function parseNetrc(text: string, file = '.netrc'): Netrc {
  const tokens = tokenize(text, file);
  const netrc: Netrc = { machines: new Map() };
  let current: NetrcEntry | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const { text: keyword, line } = tokens[i]!;
    const value = (): string => {
      const next = tokens[++i];
      if (!next) throw new InputError(`${file} line ${line}: \`${keyword}\` has no value`);
      return next.text;
    };
    switch (keyword) {
      case 'machine': {
        const name = value().toLowerCase();
        current = {};
        // The first entry for a host wins, as in ftp and curl.
        if (!netrc.machines.has(name)) netrc.machines.set(name, current);
        break;
      }
      case 'default':
        current = {};
        netrc.default ??= current;
        break;
      case 'login':
      case 'password':
      case 'account': {
        const v = value();
        if (!current) throw new InputError(`${file} line ${line}: \`${keyword}\` appears before any \`machine\``);
        current[keyword] = v;
        break;
      }
      default:
        // Unknown keywords (and values of keywords we do not use) are skipped, like curl does.
        break;
    }
  }
  return netrc;
}

/** The entry for `host`: its `machine` entry, else the `default` one. */
export function netrcEntryFor(netrc: Netrc, host: string): NetrcEntry | undefined {
  return netrc.machines.get(host.toLowerCase()) ?? netrc.default;
}

function tokenize(text: string, file: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\n') {
      line++;
      i++;
    } else if (/\s/.test(ch)) {
      i++;
    } else if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (ch === '"') {
      const start = line;
      let value = '';
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        if (text[i] === '\n') line++;
        value += text[i];
        i++;
      }
      if (i >= text.length) throw new InputError(`${file} line ${start}: unterminated quoted value`);
      i++;
      tokens.push({ text: value, line: start });
    } else {
      let value = '';
      while (i < text.length && !/\s/.test(text[i]!)) value += text[i++];
      tokens.push({ text: value, line });
      if (value === 'macdef') i = skipMacro(text, i, (n) => (line += n));
    }
  }
  return tokens;
}

/** A macro definition's name and body run to the first empty line; none of it is a token. */
function skipMacro(text: string, from: number, countLines: (n: number) => void): number {
  const end = text.indexOf('\n\n', from);
  const stop = end === -1 ? text.length : end + 2;
  countLines(text.slice(from, stop).split('\n').length - 1);
  return stop;
}
