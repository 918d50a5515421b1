import { InputError } from '../core/errors.js';
import type { WeightedPath } from './types.js';

export const DEFAULT_URLS = ['/', '/health'];

/**
 * `--url /path` or `--url /path:3`. Only paths: the load goes to the process implanta starts on the
 * loopback interface, never to a host the user names, so a typo cannot load-test someone's server.
 */
export function parseUrlSpec(spec: string): WeightedPath {
  const match = /^(.*?)(?::(\d+))?$/.exec(spec.trim())!;
  const path = match[1]!;
  const weight = match[2] === undefined ? 1 : Number(match[2]);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path) || path.startsWith('//')) {
    throw new InputError(`--url ${spec}: give a path on the app (e.g. /health); implanta size only sends load to the process it starts on 127.0.0.1`);
  }
  if (!path.startsWith('/')) throw new InputError(`--url ${spec}: a path starts with / (e.g. /health or /health:2)`);
  if (/\s/.test(path)) throw new InputError(`--url ${spec}: a path has no spaces (percent-encode them)`);
  if (!Number.isInteger(weight) || weight < 1 || weight > 100) throw new InputError(`--url ${spec}: the weight after ':' is a whole number from 1 to 100`);
  return { path, weight };
}

export function parseUrlSpecs(specs: readonly string[] | undefined): WeightedPath[] {
  const paths = (specs?.length ? specs : DEFAULT_URLS).map(parseUrlSpec);
  const seen = new Set<string>();
  for (const p of paths) {
    if (seen.has(p.path)) throw new InputError(`--url ${p.path} is given twice; give it once with a weight (${p.path}:2)`);
    seen.add(p.path);
  }
  return paths;
}

/**
 * The order each connection cycles through: every path `weight` times, interleaved rather than in
 * blocks, so a short step still sees the intended mix.
 */
export function requestSequence(paths: readonly WeightedPath[]): string[] {
  const sequence: string[] = [];
  const left = paths.map((p) => p.weight);
  while (left.some((n) => n > 0)) {
    paths.forEach((p, i) => {
      if (left[i]! > 0) {
        sequence.push(p.path);
        left[i]!--;
      }
    });
  }
  return sequence;
}
