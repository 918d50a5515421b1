/**
 * Secrets never appear in output. Every string printed passes through a Redactor that knows the secret
 * values of this run (config vars, the evaluation environment, tokens) and masks them wherever they show
 * up in text, including inside URLs and error messages that quote a value by accident.
 *
 * What counts as a secret, and where it is masked, is docs/secrets.md; the tests in test/core/redact.test.ts
 * hold each decision.
 */
export const REDACTED = '[redacted]';

/** Shorter values (a port, "on") are not secrets worth hiding, and would mask ordinary text. */
export const MIN_SECRET_LENGTH = 6;
/** Up to this length, a value of letters only is a word ("settings", "production", "postgres", "True"). */
const MAX_WORD_LENGTH = 12;

/**
 * Whether a value is masked wherever it appears: at least six characters, and not a number or a plain
 * word. A word or a number given as a config var (`SECRET_KEY=settings`, `PORT=5432`) would otherwise
 * rewrite every message that mentions `hollow/settings.py` or a port; such a value protects nothing
 * anyway (security.W009 says so for a weak key). Generated credentials always have digits or symbols.
 */
export function isMaskable(value: string): boolean {
  if (value.length < MIN_SECRET_LENGTH) return false;
  if (/^[+-]?\d+(\.\d+)?$/.test(value)) return false;
  return !(value.length <= MAX_WORD_LENGTH && /^[A-Za-z]+$/.test(value));
}

/**
 * Keys whose strings place or identify something rather than tell it: a file path, a line, a rule or
 * message ID, a docs link. They are never rewritten, so a secret that happens to equal part of a path
 * cannot break a report's locations (SARIF, annotations, links).
 */
const STRUCTURAL_KEYS = new Set(['file', 'line', 'rule', 'message_id', 'docs', 'area', 'severity', 'root', 'python', 'settings_module', 'tool', 'version', 'settings_source']);

export class Redactor {
  private readonly secrets: string[];

  constructor(values: Iterable<string>) {
    this.secrets = [...new Set([...values].filter(isMaskable))].sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }

  /** Redacts every string inside a JSON-able value. */
  redactDeep<T>(value: T): T {
    return this.walk(value, () => true);
  }

  /**
   * Redacts the text of a report (messages, hints, reasons, provenance) and leaves its structure alone:
   * strings under STRUCTURAL_KEYS (file paths, line numbers, rule and message IDs) are kept as they are.
   */
  redactMessages<T>(value: T): T {
    return this.walk(value, (key) => key === undefined || !STRUCTURAL_KEYS.has(key));
  }

  private walk<T>(value: T, redactUnder: (key: string | undefined) => boolean, key?: string): T {
    if (typeof value === 'string') return (redactUnder(key) ? this.redact(value) : value) as T;
    if (Array.isArray(value)) return value.map((v) => this.walk(v, redactUnder, key)) as T;
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.walk(v, redactUnder, k)])) as T;
    }
    return value;
  }
}

/**
 * A value and its secret-looking parts: the password in `postgres://user:pass@host/db` is masked on its
 * own too, wherever it shows up (an exception that prints only the password), when it is maskable by
 * itself. A hand-made word (`implanta`, on a laptop) is masked only inside its URL.
 */
export function secretParts(value: string): string[] {
  const parts = [value];
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/:@]*:([^@/]+)@/i.exec(value);
  if (match?.[1]) parts.push(match[1], safeDecode(match[1]));
  return parts;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Runs `work` and masks the run's secrets in the message of anything it throws: an error may quote what a
 * child process printed (a settings module's exception with the database password in it).
 */
export async function withRedactedErrors<T>(redactor: Redactor, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Error) error.message = redactor.redact(error.message);
    throw error;
  }
}
