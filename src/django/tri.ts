import { Unknown, type PyValue } from '../project/python-value.js';

/**
 * Three-valued logic for checks over settings the static evaluator may not know. An Unknown carries the
 * reason (and place) a value could not be known, so a rule can say why it cannot tell.
 */
export type Tri = boolean | Unknown;

/** Kleene AND: one false decides; otherwise the first unknown wins over true. */
export function and3(...parts: Tri[]): Tri {
  let unknown: Unknown | undefined;
  for (const p of parts) {
    if (p === false) return false;
    if (p instanceof Unknown) unknown ??= p;
  }
  return unknown ?? true;
}

/** Kleene OR: one true decides; otherwise the first unknown wins over false. */
export function or3(...parts: Tri[]): Tri {
  let unknown: Unknown | undefined;
  for (const p of parts) {
    if (p === true) return true;
    if (p instanceof Unknown) unknown ??= p;
  }
  return unknown ?? false;
}

export function not3(p: Tri): Tri {
  return p instanceof Unknown ? p : !p;
}

/** Python's `value is True`: only the True singleton, never 1 or 'True'. */
export function isTrue(v: PyValue): Tri {
  return v instanceof Unknown ? v : v === true;
}

/** Python's `value is None`. */
export function isNone(v: PyValue): Tri {
  return v instanceof Unknown ? v : v === null;
}

/** Python's `value == text` for a str; an opaque object (a module, a function) never equals a str. */
export function equalsString(v: PyValue, text: string): Tri {
  return v instanceof Unknown ? v : v === text;
}
