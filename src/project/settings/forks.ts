/**
 * Following paths the evaluator cannot choose between (an undecidable `if`, a try body that may
 * raise, a loop over an unknown list): each path runs on its own copy of every live scope (the
 * modules, running calls, closures, classes) and of the environment, then the copies merge. A name
 * the paths agree on keeps its value; a dict the paths built differently keeps the keys they agree
 * on; anything else becomes Unknown, saying what it depends on.
 */
import { PyDict, PyTuple, Unknown, type PyKey, type PyValue } from '../python-value.js';
import type { EnvValue, Frame } from './context.js';
import { CallFrame, ReturnSignal, liveScopes } from './function-frame.js';
import type { Scope } from './scope.js';
import { BreakSignal, ContinueSignal, PyRaise, UnknowableLoop } from './signals.js';
import type { Binding, Origin } from './types.js';
import { cloneValue, sameValue } from './values.js';
import { chargeSteps } from './budget.js';
import { derived, itemProvenance, recordItem, type EnvWrite, type Provenance } from './provenance.js';

export interface EvalState {
  scopes: Map<Scope, Map<string, Binding>>;
  environ: Map<string, EnvValue>;
  /** The settings' own writes to the environment (Evaluator.environWrites). */
  environWrites: Map<string, EnvWrite>;
}

export interface EvalPath {
  start: EvalState;
  run(): void;
}

/** The live state (not a copy): what the live scopes and the environment hold now. */
export function captureState(frame: Frame): EvalState {
  const scopes = new Map<Scope, Map<string, Binding>>();
  for (const scope of liveScopes(frame)) scopes.set(scope, scope.bindings);
  return { scopes, environ: frame.ev.environ, environWrites: frame.ev.environWrites };
}

/** A deep copy; one memo for all scopes, so a list two modules share stays shared in the copy. */
export function copyState(state: EvalState): EvalState {
  chargeSteps(state.environ.size);
  const memo = new Map<object, PyValue>();
  const scopes = new Map<Scope, Map<string, Binding>>();
  for (const [scope, bindings] of state.scopes) {
    chargeSteps(bindings.size);
    const copy = new Map<string, Binding>();
    for (const [name, binding] of bindings) copy.set(name, { ...binding, value: cloneValue(binding.value, memo) });
    scopes.set(scope, copy);
  }
  return { scopes, environ: new Map(state.environ), environWrites: new Map(state.environWrites) };
}

export function applyState(frame: Frame, state: EvalState): void {
  for (const [scope, bindings] of state.scopes) scope.bindings = bindings;
  frame.ev.environ = state.environ;
  frame.ev.environWrites = state.environWrites;
}

/**
 * Runs each path from its start state and leaves the frame in the merge of their outcomes. A path
 * that raises for certain is dropped: the process would not get past it, so the others are what a
 * running app has. When every path raises, the first exception goes on. Inside a call, a path that
 * returns ends the call: when every path returns the call returns their merge; when some go on,
 * the returned ones wait for the end of the call and the rest runs as something that may not happen.
 */
export function explorePaths(frame: Frame, base: EvalState, paths: EvalPath[], reason: string): void {
  const ev = frame.ev;
  const outcomes: EvalState[] = [];
  const returned: Array<{ state: EvalState; value: PyValue; provenance?: Provenance | undefined }> = [];
  let raised: PyRaise | undefined;
  ev.speculative++;
  try {
    for (const path of paths) {
      applyState(frame, path.start);
      try {
        path.run();
        outcomes.push(captureState(frame));
      } catch (error) {
        if (error instanceof ReturnSignal) {
          returned.push({ state: captureState(frame), value: error.value, provenance: error.provenance });
          continue;
        }
        if (error instanceof BreakSignal || error instanceof ContinueSignal) throw new UnknowableLoop();
        if (!(error instanceof PyRaise)) throw error;
        raised ??= error;
        ev.noteMayRaise(error.exception);
      }
    }
  } catch (error) {
    applyState(frame, base);
    throw error;
  } finally {
    ev.speculative--;
  }
  const unknown = new Unknown(reason, frame.file, frame.line);
  if (outcomes.length === 0 && returned.length === 0) {
    applyState(frame, base);
    throw raised!;
  }
  if (outcomes.length === 0) {
    applyState(frame, mergeStates(base, returned.map((r) => r.state), unknown));
    throw new ReturnSignal(mergeValues(returned.map((r) => r.value), unknown), derived(returned.map((r) => r.provenance).filter((p): p is Provenance => p !== undefined)));
  }
  if (returned.length > 0 && frame instanceof CallFrame) {
    frame.earlyReturns.push(...returned);
    frame.addedSpeculation++;
    ev.speculative++;
  }
  applyState(frame, mergeStates(base, outcomes, unknown));
}

export function mergeStates(base: EvalState, outcomes: EvalState[], unknown: Unknown): EvalState {
  const scopes = new Map<Scope, Map<string, Binding>>();
  for (const scope of unionOfKeys(outcomes.map((o) => o.scopes))) {
    const present = outcomes.map((o) => o.scopes.get(scope)).filter((b): b is Map<string, Binding> => b !== undefined);
    scopes.set(scope, mergeBindings(base.scopes.get(scope), present, unknown));
  }
  const environ = new Map<string, EnvValue>();
  for (const name of unionOfKeys(outcomes.map((o) => o.environ))) {
    const found = outcomes.map((o) => o.environ.get(name));
    const first = found[0];
    environ.set(name, typeof first === 'string' && found.every((v) => v === first) ? first : unknown);
  }
  // A write every path made (or kept) the same stays known; one some paths made is not.
  const environWrites = new Map<string, EnvWrite>();
  for (const name of unionOfKeys(outcomes.map((o) => o.environWrites))) {
    const first = outcomes[0]!.environWrites.get(name);
    if (first && outcomes.every((o) => o.environWrites.get(name) === first)) environWrites.set(name, first);
  }
  return { scopes, environ, environWrites };
}

function mergeBindings(base: Map<string, Binding> | undefined, outcomes: Array<Map<string, Binding>>, unknown: Unknown): Map<string, Binding> {
  const bindings = new Map<string, Binding>();
  const memo = new Map<object, PyValue>();
  for (const name of unionOfKeys(outcomes)) {
    const found = outcomes.map((o) => o.get(name));
    const first = found[0];
    // The very same value (an Unknown no path touched included) is kept as it was.
    if (first && found.every((b) => b && (b.value === first.value || sameValue(first.value, b.value)))) {
      bindings.set(name, first);
      continue;
    }
    const origin = changedOrigin(base?.get(name)?.origin, found);
    const values = found.every((b) => b !== undefined) ? found.map((b) => b!.value) : undefined;
    // What differs between the paths was made from any of them.
    const provenance = derived(found.map((b) => b?.provenance).filter((p): p is Provenance => p !== undefined));
    bindings.set(name, { ...(first ?? found.find((b) => b))!, value: values ? mergeValues(values, unknown, memo) : unknown, origin, provenance });
  }
  return bindings;
}

/**
 * One value for what the paths computed: the value itself when they agree; a dict (list, tuple) of
 * the same shape with only the differing entries unknown; otherwise Unknown. A key only some paths
 * set is unknown too, so one conditional OPTIONS key does not hide the rest of DATABASES.
 */
export function mergeValues(values: PyValue[], unknown: Unknown, memo = new Map<object, PyValue>()): PyValue {
  const first = values[0]!;
  if (values.every((v) => v === first || sameValue(first, v))) return first;
  if (first !== null && typeof first === 'object' && memo.has(first)) return memo.get(first)!;
  if (first instanceof PyDict && values.every((v): v is PyDict => v instanceof PyDict)) {
    const merged = new PyDict();
    memo.set(first, merged);
    const keys = new Set<PyKey>();
    for (const dict of values) for (const key of dict.entries.keys()) keys.add(key);
    for (const key of keys) {
      const found = values.map((d) => d.entries.get(key));
      const value = found.every((v) => v !== undefined) ? mergeValues(found as PyValue[], unknown, memo) : unknown;
      merged.entries.set(key, value);
      // A key the paths agree on keeps its record (the first path's).
      if (value === found[0]) recordItem(merged, key, value, itemProvenance(first, key, undefined));
    }
    return merged;
  }
  const length = Array.isArray(first) ? first.length : first instanceof PyTuple ? first.items.length : -1;
  if (Array.isArray(first) && values.every((v) => Array.isArray(v) && v.length === length)) {
    const merged: PyValue[] = [];
    memo.set(first, merged);
    for (let i = 0; i < length; i++) {
      merged.push(mergeValues(values.map((v) => (v as PyValue[])[i]!), unknown, memo));
      if (merged[i] === first[i]) recordItem(merged, i, merged[i]!, itemProvenance(first, i, undefined));
    }
    return merged;
  }
  if (first instanceof PyTuple && values.every((v) => v instanceof PyTuple && v.items.length === length)) {
    const merged = new PyTuple(Array.from({ length }, (_, i) => mergeValues(values.map((v) => (v as PyTuple).items[i]!), unknown, memo)));
    memo.set(first, merged);
    return merged;
  }
  return unknown;
}

/** The statement that set the name on some path: where a finding about the merged name should point. */
function changedOrigin(before: Origin | undefined, found: Array<Binding | undefined>): Origin {
  const changed = found.find((b) => b && (!before || b.origin.file !== before.file || b.origin.line !== before.line));
  return (changed ?? found.find((b) => b))!.origin;
}

function unionOfKeys<K>(maps: Array<Map<K, unknown>>): Set<K> {
  const keys = new Set<K>();
  for (const map of maps) for (const key of map.keys()) keys.add(key);
  return keys;
}
