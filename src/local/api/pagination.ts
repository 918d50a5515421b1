import { ApiError } from '../platform/errors.js';

/**
 * Heroku's list ranges: `Range: id ..; max=10`, `Range: name ]example..; max=10, order=desc`. A list
 * sorted on the range field is cut after `max` items (200 by default, at most the server's page size);
 * when more remain the answer is 206 Partial Content with `Next-Range` to ask for the rest.
 */
export interface RangeRequest {
  field: string;
  start?: string;
  startExclusive: boolean;
  end?: string;
  max: number;
  order: 'asc' | 'desc';
}

export interface Page<T> {
  items: T[];
  status: 200 | 206;
  headers: Record<string, string>;
}

const DEFAULT_MAX = 200;

export function parseRange(header: string | undefined, fields: readonly string[], maxPageSize: number): RangeRequest {
  const range: RangeRequest = { field: fields[0]!, startExclusive: false, max: Math.min(DEFAULT_MAX, maxPageSize), order: 'asc' };
  if (!header?.trim()) return range;
  const [bounds = '', params = ''] = splitOnce(header.trim(), ';');
  const [field = '', span = ''] = splitOnce(bounds.trim(), ' ');
  if (!fields.includes(field)) throw unsatisfiable(`Range field ${field || '(none)'} is not supported here; use one of ${fields.join(', ')}.`);
  range.field = field;
  if (span.trim()) {
    if (!span.includes('..')) throw unsatisfiable('A range reads FIELD START..END.');
    const [start = '', end = ''] = splitOnce(span.trim(), '..');
    range.startExclusive = start.startsWith(']');
    const first = range.startExclusive ? start.slice(1) : start;
    if (first) range.start = first;
    if (end.trim()) range.end = end.trim();
  }
  for (const param of params.split(/[;,]/).map((p) => p.trim()).filter(Boolean)) {
    const [key, value = ''] = splitOnce(param, '=');
    if (key === 'max') {
      const max = Number(value);
      if (!Number.isInteger(max) || max < 1) throw unsatisfiable('max must be a whole number of 1 or more.');
      range.max = Math.min(max, maxPageSize);
    } else if (key === 'order') {
      if (value !== 'asc' && value !== 'desc') throw unsatisfiable('order must be asc or desc.');
      range.order = value;
    }
  }
  return range;
}

export function paginate<T>(all: readonly T[], range: RangeRequest, acceptRanges: readonly string[]): Page<T> {
  const key = (item: T) => (item as Record<string, unknown>)[range.field];
  const direction = range.order === 'asc' ? 1 : -1;
  const sorted = [...all].sort((a, b) => direction * compare(key(a), key(b)));
  const inRange = sorted.filter((item) => {
    const value = key(item);
    if (range.start !== undefined) {
      const c = direction * compare(value, typed(range.start, value));
      if (c < 0 || (c === 0 && range.startExclusive)) return false;
    }
    return range.end === undefined || direction * compare(value, typed(range.end, value)) <= 0;
  });
  const items = inRange.slice(0, range.max);
  const headers: Record<string, string> = { 'Accept-Ranges': acceptRanges.join(', ') };
  const suffix = `; max=${range.max}${range.order === 'desc' ? ', order=desc' : ''}`;
  if (items.length > 0) headers['Content-Range'] = `${range.field} ${String(key(items[0]!))}..${String(key(items.at(-1)!))}${suffix}`;
  if (inRange.length > items.length) {
    headers['Next-Range'] = `${range.field} ]${String(key(items.at(-1)!))}..${suffix}`;
    return { items, status: 206, headers };
  }
  return { items, status: 200, headers };
}

/** Numbers (release versions) compare as numbers, everything else as text; missing values first. */
function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = a === null || a === undefined ? '' : String(a);
  const y = b === null || b === undefined ? '' : String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function typed(bound: string, sample: unknown): unknown {
  return typeof sample === 'number' ? Number(bound) : bound;
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, ''] : [text.slice(0, at), text.slice(at + separator.length)];
}

function unsatisfiable(message: string): ApiError {
  return new ApiError(416, 'requested_range_not_satisfiable', message);
}
