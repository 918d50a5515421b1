/**
 * Secrets never appear in output. Every string printed passes through a Redactor that knows the secret
 * values of this run (config vars, the evaluation environment, tokens) and masks them wherever they show
 * up, including inside URLs and error messages that quote a value by accident.
 */
export class Redactor {
  private readonly secrets: string[];

  constructor(values: Iterable<string>) {
    // Short values (a port, "true") would mask ordinary words; they are not secrets worth hiding.
    this.secrets = [...new Set([...values].filter((v) => v.length >= 6))].sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join('[redacted]');
    return out;
  }

  /** Redacts every string inside a JSON-able value. */
  redactDeep<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.redactDeep(v)) as T;
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.redactDeep(v)])) as T;
    }
    return value;
  }
}

/**
 * A value and its secret-looking parts: the password in `postgres://user:pass@host/db` is masked on its
 * own too, wherever it shows up, when it is long enough to be a generated credential (Heroku's are 64
 * characters). A short hand-made one (`implanta`, on a laptop) would mask ordinary words, so it is
 * masked only inside its URL.
 */
export function secretParts(value: string): string[] {
  const parts = [value];
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/:@]*:([^@/]+)@/i.exec(value);
  if (match?.[1] && match[1].length >= MIN_BARE_PASSWORD) parts.push(match[1], decodeURIComponent(match[1]));
  return parts;
}

const MIN_BARE_PASSWORD = 12;
