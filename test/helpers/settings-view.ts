import { PyDict, PyTuple, type PyKey, type PyValue, Unknown } from '../../src/project/python-value.js';
import type { Binding, SettingsView } from '../../src/project/settings/types.js';

/** Marks a tuple in a plain settings object: `{ SECURE_PROXY_SSL_HEADER: tuple('HTTP_X_FORWARDED_PROTO', 'https') }`. */
export function tuple(...items: unknown[]): PyTuple {
  return new PyTuple(items.map(toPy));
}

/** Converts plain JS (objects → dicts, arrays → lists) into PyValue; PyValue instances pass through. */
export function toPy(v: unknown): PyValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(toPy);
  if (v instanceof PyTuple || v instanceof PyDict || v instanceof Unknown) return v;
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return new PyDict(new Map(Object.entries(v as object).map(([k, x]) => [k as PyKey, toPy(x)])));
  }
  return v as PyValue;
}

/**
 * A SettingsView from a plain object, for rule tests. Each setting gets the line of its position
 * (first key line 1, second line 2…), so tests can assert where a finding points.
 */
export function settingsView(values: Record<string, unknown>, file = 'proj/settings.py', module = 'proj.settings'): SettingsView {
  const bindings = new Map<string, Binding>();
  Object.entries(values).forEach(([name, value], i) => bindings.set(name, { value: toPy(value), origin: { file, line: i + 1 } }));
  return {
    module,
    file,
    source: 'static',
    get: (name) => bindings.get(name),
    names: () => [...bindings.keys()],
  };
}
