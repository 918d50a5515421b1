import { isPythonSpace, pythonStrip } from '../python-whitespace.js';

/**
 * pip's `preprocess` of a requirements file: split lines as Python's `str.splitlines` does, join lines
 * ending in `\`, drop comments and blank lines, then expand `${VAR}`. Each logical line keeps the number
 * of its first physical line, which is what pip prints in its errors.
 */
export interface LogicalLine {
  line: number;
  /** After `${VAR}` expansion: what pip parses. */
  text: string;
  /** Before expansion: safe to quote in a message, since expanded values may be secrets. */
  written: string;
  /** Each `${NAME}` expanded, with its value, so messages can put the names back. */
  expansions: [token: string, value: string][];
}

const LINE_BREAK_RE = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;
const ENV_VAR_RE = /\$\{([A-Z0-9_]+)\}/g;

/** Python's str.splitlines(): no empty string after a final line break, none for empty text. */
export function pySplitLines(text: string): string[] {
  const lines = text.split(LINE_BREAK_RE);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * Where pip's comment regex `(^|\s+)#.*$` first matches: a `#` at the start or after whitespace, from
 * the start of that whitespace; -1 when there is no comment. By hand, because the regex backtracks
 * through every long run of spaces that is not followed by `#`: quadratic on hostile padding.
 */
function commentStart(text: string): number {
  for (let hash = text.indexOf('#'); hash >= 0; hash = text.indexOf('#', hash + 1)) {
    if (hash === 0) return 0;
    if (!isPythonSpace(text.charCodeAt(hash - 1))) continue;
    let start = hash - 1;
    while (start > 0 && isPythonSpace(text.charCodeAt(start - 1))) start--;
    return start;
  }
  return -1;
}

function dropComment(text: string): string {
  const at = commentStart(text);
  return at < 0 ? text : text.slice(0, at);
}

export function logicalLines(text: string, env: Record<string, string>): LogicalLine[] {
  const out: LogicalLine[] = [];
  for (const { line, text: joined } of joinContinuations(pySplitLines(text))) {
    const written = pythonStrip(dropComment(joined));
    if (written) out.push({ line, written, ...expandEnv(written, env) });
  }
  return out;
}

/**
 * A comment line never continues, even when it ends in `\`; it is prefixed with a space so the comment
 * regex still removes it once glued to a continued line. pip strips backslashes from both ends.
 */
function joinContinuations(physical: string[]): { line: number; text: string }[] {
  const joined: { line: number; text: string }[] = [];
  let pending: string[] = [];
  let first = 0;
  physical.forEach((raw, index) => {
    const isComment = commentStart(raw) === 0;
    if (!raw.endsWith('\\') || isComment) {
      const text = isComment ? ' ' + raw : raw;
      if (pending.length) {
        joined.push({ line: first, text: pending.join('') + text });
        pending = [];
      } else {
        joined.push({ line: index + 1, text });
      }
    } else {
      if (!pending.length) first = index + 1;
      pending.push(raw.replace(/^\\+|\\+$/g, ''));
    }
  });
  if (pending.length) joined.push({ line: first, text: pending.join('') });
  return joined;
}

/** Only `${NAME}` with upper-case letters, digits and `_`; an unset or empty variable stays as written. */
function expandEnv(written: string, env: Record<string, string>): Pick<LogicalLine, 'text' | 'expansions'> {
  let text = written;
  const expansions: [string, string][] = [];
  if (!written.includes('${')) return { text, expansions };
  for (const [token, name] of written.matchAll(ENV_VAR_RE)) {
    const value = env[name!];
    if (!value) continue;
    text = text.split(token).join(value);
    expansions.push([token, value]);
  }
  return { text, expansions };
}

/**
 * A message about an expanded line, with each expanded value shown as the `${NAME}` it came from. Values
 * shorter than six characters stay: like the Redactor, it treats them as not secret, and putting a name
 * back for "1" would garble unrelated text.
 */
export function unexpand(message: string, line: LogicalLine): string {
  return line.expansions
    .filter(([, value]) => value.length >= 6)
    .reduce((out, [token, value]) => out.split(value).join(token), message);
}
