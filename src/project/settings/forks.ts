/**
 * Following paths the evaluator cannot choose between (an undecidable `if`, a try body that may
 * raise, a loop over an unknown list): each path runs on its own copy of the module's names and of
 * the environment, then the copies merge. A name the paths agree on keeps its value; any other
 * becomes Unknown, saying what it depends on.
 */
import { Unknown, type PyValue } from '../python-value.js';
import type { EnvValue, Frame } from './context.js';
import { BreakSignal, ContinueSignal, PyRaise, UnknowableLoop } from './signals.js';
import type { Binding, Origin } from './types.js';
import { cloneValue, sameValue } from './values.js';

export interface EvalState {
  bindings: Map<string, Binding>;
  environ: Map<string, EnvValue>;
}

export interface EvalPath {
  start: EvalState;
  run(): void;
}

/** The live state (not a copy): what the frame's module and the environment hold now. */
export function captureState(frame: Frame): EvalState {
  return { bindings: frame.scope.bindings, environ: frame.ev.environ };
}

export function copyState(state: EvalState): EvalState {
  const memo = new Map<object, PyValue>();
  const bindings = new Map<string, Binding>();
  for (const [name, binding] of state.bindings) bindings.set(name, { value: cloneValue(binding.value, memo), origin: binding.origin });
  return { bindings, environ: new Map(state.environ) };
}

export function applyState(frame: Frame, state: EvalState): void {
  frame.scope.bindings = state.bindings;
  frame.ev.environ = state.environ;
}

/**
 * Runs each path from its start state and leaves the frame in the merge of their outcomes. A path
 * that raises for certain is dropped: the process would not get past it, so the others are what a
 * running app has. When every path raises, the first exception goes on.
 */
export function explorePaths(frame: Frame, base: EvalState, paths: EvalPath[], reason: string): void {
  const ev = frame.ev;
  const outcomes: EvalState[] = [];
  let raised: PyRaise | undefined;
  ev.speculative++;
  try {
    for (const path of paths) {
      applyState(frame, path.start);
      try {
        path.run();
        outcomes.push(captureState(frame));
      } catch (error) {
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
  if (outcomes.length === 0) {
    applyState(frame, base);
    throw raised!;
  }
  applyState(frame, mergeStates(base, outcomes, new Unknown(reason, frame.file, frame.line)));
}

function mergeStates(base: EvalState, outcomes: EvalState[], unknown: Unknown): EvalState {
  const bindings = new Map<string, Binding>();
  for (const name of unionOfKeys(outcomes.map((o) => o.bindings))) {
    const found = outcomes.map((o) => o.bindings.get(name));
    const first = found[0];
    // The very same value (an Unknown no path touched included) is kept as it was.
    if (first && found.every((b) => b && (b.value === first.value || sameValue(first.value, b.value)))) {
      bindings.set(name, first);
      continue;
    }
    bindings.set(name, { value: unknown, origin: changedOrigin(base.bindings.get(name)?.origin, found) });
  }
  const environ = new Map<string, EnvValue>();
  for (const name of unionOfKeys(outcomes.map((o) => o.environ))) {
    const found = outcomes.map((o) => o.environ.get(name));
    const first = found[0];
    environ.set(name, typeof first === 'string' && found.every((v) => v === first) ? first : unknown);
  }
  return { bindings, environ };
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
