/**
 * A list or dict changed in a way the evaluator cannot follow (extended by unknown items, an item
 * set under an unknown key) is unknown under every name that holds it: a helper's parameter, the
 * module's setting it was given, a class attribute. Otherwise the setting would keep a stale value.
 */
import { PyDict, PySet, PyTuple, Unknown, type PyValue } from '../python-value.js';
import type { Frame } from './context.js';
import { liveScopes, outermostCall } from './function-frame.js';

function holds(value: PyValue, target: object, seen: Set<object>): boolean {
  if (value === target) return true;
  if (value === null || typeof value !== 'object' || seen.has(value)) return false;
  seen.add(value);
  if (Array.isArray(value)) return value.some((v) => holds(v, target, seen));
  if (value instanceof PyTuple || value instanceof PySet) return value.items.some((v) => holds(v, target, seen));
  if (value instanceof PyDict) return [...value.entries.values()].some((v) => holds(v, target, seen));
  return false;
}

/** Every binding whose value is or contains `target` becomes `unknown`. */
export function loseObject(frame: Frame, target: PyValue, unknown: Unknown): void {
  if (target === null || typeof target !== 'object' || target instanceof Unknown) return;
  const origin = outermostCall(frame.ev)?.origin ?? frame.origin();
  for (const scope of liveScopes(frame)) {
    for (const [name, binding] of scope.bindings) {
      if (holds(binding.value, target, new Set())) scope.bindings.set(name, { ...binding, value: unknown, origin });
    }
  }
}
