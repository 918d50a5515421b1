import { InputError } from '../../core/errors.js';

/**
 * Failures the local platform injects, per request, to rehearse a flaky API: an error status (429 or a
 * 5xx) or a dropped connection, each with its probability.
 */
export type Fault = { kind: 'status'; status: number; probability: number } | { kind: 'reset'; probability: number };

/** `--fault 429:0.2`, `--fault 500:0.1`, `--fault reset:0.05`. */
export function parseFault(spec: string): Fault {
  const match = /^(reset|\d{3}):(\d*\.?\d+)$/.exec(spec.trim());
  const probability = match ? Number(match[2]) : NaN;
  const status = match && match[1] !== 'reset' ? Number(match[1]) : undefined;
  const statusOk = status === undefined || status === 429 || (status >= 500 && status <= 599);
  if (!match || !statusOk || !(probability >= 0 && probability <= 1)) {
    throw new InputError(`--fault ${spec}: use STATUS:P (429 or 5xx) or reset:P, with P between 0 and 1`);
  }
  return status === undefined ? { kind: 'reset', probability } : { kind: 'status', status, probability };
}

/** `--latency 50ms`, `1s` or a bare number of milliseconds. */
export function parseLatency(spec: string): number {
  const match = /^(\d*\.?\d+)\s*(ms|s)?$/.exec(spec.trim());
  if (!match) throw new InputError(`--latency ${spec}: use a duration such as 50ms or 1s`);
  return Math.round(Number(match[1]) * (match[2] === 's' ? 1000 : 1));
}

/** A small seeded generator (mulberry32): the same seed gives the same faults in the same order. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The fault this request suffers, if any: each configured fault gets one draw, in order. */
export function drawFault(faults: readonly Fault[], random: () => number): Fault | undefined {
  return faults.find((fault) => random() < fault.probability);
}
