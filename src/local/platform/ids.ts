import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';

export function newId(): string {
  return randomUUID();
}

/**
 * A UUID that is the same on every run for the same name, for catalog entries (stacks, dyno sizes,
 * features) whose ids Heroku keeps fixed.
 */
export function stableId(name: string): string {
  const hex = createHash('sha1').update(`implanta-local:${name}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** Timestamps as Heroku writes them: UTC, whole seconds. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const ADJECTIVES = ['amber', 'brisk', 'calm', 'curved', 'dappled', 'eager', 'fathomless', 'gentle', 'hidden', 'lively', 'mellow', 'quiet', 'rugged', 'shallow', 'silent', 'sturdy', 'tranquil', 'vast'];
const NOUNS = ['anchorage', 'bastion', 'brook', 'canyon', 'cove', 'dawn', 'falls', 'forest', 'garden', 'harbor', 'island', 'meadow', 'ridge', 'river', 'shore', 'thicket', 'valley', 'wave'];

function pick<T>(list: readonly T[]): T {
  return list[randomInt(list.length)]!;
}

/** Heroku-style generated names: `quiet-harbor-04213` for apps, `postgresql-curved-51234` for add-ons. */
export function generatedName(prefix?: string): string {
  const digits = String(randomInt(100_000)).padStart(5, '0');
  return prefix ? `${prefix}-${pick(ADJECTIVES)}-${digits}` : `${pick(ADJECTIVES)}-${pick(NOUNS)}-${digits}`;
}

/** The DNS target Heroku gives a custom domain: `shallow-thicket-1a2b3c4d5e6f.herokudns.com`. */
export function dnsTarget(): string {
  return `${pick(ADJECTIVES)}-${pick(NOUNS)}-${randomHex(6)}.herokudns.com`;
}
