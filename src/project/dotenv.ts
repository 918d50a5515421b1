import { ProjectFileRefused, readProjectText } from './project-file.js';
import { InputError } from '../core/errors.js';

export interface DotenvEntry {
  key: string;
  value: string;
  line: number;
}

/**
 * Parses `.env` syntax as python-dotenv, django-environ and `heroku local` read it: `KEY=VALUE`, an
 * optional `export `, single quotes literal, double quotes with escapes, `#` comments after whitespace.
 * A line that is none of these is reported with its number: a silently skipped line would evaluate the
 * settings under a different environment than the user wrote.
 */
export function parseDotenv(text: string, file: string): DotenvEntry[] {
  const entries: DotenvEntry[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(raw);
    if (!match) throw new InputError(`${file}:${i + 1}: not a KEY=VALUE line`);
    const [, key, rest] = match as unknown as [string, string, string];
    const start = i;
    let value: string;
    const quote = rest[0];
    if (quote === '"' || quote === "'") {
      // A quoted value may span lines; find the closing quote that is not escaped.
      let body = rest.slice(1);
      let end = closingQuote(body, quote);
      while (end < 0 && i + 1 < lines.length) {
        body += '\n' + lines[++i];
        end = closingQuote(body, quote);
      }
      if (end < 0) throw new InputError(`${file}:${start + 1}: unterminated ${quote} quote`);
      value = body.slice(0, end);
      if (quote === '"') value = value.replace(/\\([\\"nrt$])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
    } else {
      value = rest.replace(/\s+#.*$/, '').trim();
    }
    entries.push({ key, value, line: start + 1 });
  }
  return entries;
}

function closingQuote(body: string, quote: string): number {
  for (let j = 0; j < body.length; j++) {
    if (body[j] === '\\') j++;
    else if (body[j] === quote) return j;
  }
  return -1;
}

export function readDotenvFile(path: string, displayName = path): Record<string, string> {
  let text: string;
  try {
    // The user's own --env-file: `--env-file <(heroku config -s -a APP)` is a pipe, and welcome.
    text = readProjectText(path, { display: displayName, pipes: true });
  } catch (error) {
    if (error instanceof ProjectFileRefused) throw error;
    throw new InputError(`${displayName}: cannot read the env file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return Object.fromEntries(parseDotenv(text, displayName).map((e) => [e.key, e.value]));
}
