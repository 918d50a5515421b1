import { PyDict, PyPath, PySet, PyTuple } from '../../../src/project/python-value.js';

/**
 * A plain JS settings value as Python source: strings through JSON (whose escapes Python shares),
 * arrays as lists, plain objects as dicts, and the Py* classes for tuples, sets and paths.
 */
export function pythonLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(pythonLiteral).join(', ')}]`;
  if (v instanceof PyTuple) return v.items.length === 1 ? `(${pythonLiteral(v.items[0])},)` : `(${v.items.map(pythonLiteral).join(', ')})`;
  if (v instanceof PySet) return v.items.length === 0 ? 'set()' : `{${v.items.map(pythonLiteral).join(', ')}}`;
  if (v instanceof PyPath) return `Path(${JSON.stringify(v.path)})`;
  if (v instanceof PyDict) return `{${[...v.entries].map(([k, x]) => `${pythonLiteral(k)}: ${pythonLiteral(x)}`).join(', ')}}`;
  if (typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${pythonLiteral(x)}`).join(', ')}}`;
  throw new Error(`no Python literal for ${String(v)}`);
}
