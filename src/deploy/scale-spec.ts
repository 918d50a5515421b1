import { InputError } from '../core/errors.js';

/** One process type's change: an absolute quantity, or a step up or down from the current one; maybe a new size. */
export interface ScaleChange {
  type: string;
  quantity?: number;
  delta?: number;
  size?: string;
}

const TERM = /^([a-z0-9_-]+)(?:=(\d+)|([+-]\d+))(?::([a-z0-9-]+))?$/i;

/**
 * The Heroku CLI's `ps:scale` syntax: `web=2:standard-1x worker=0`, `web+1`, `worker-2`. Terms are
 * separated by spaces; each process type may appear once.
 */
export function parseScaleSpec(spec: string): ScaleChange[] {
  const terms = spec.trim().split(/\s+/).filter(Boolean);
  if (terms.length === 0) throw new InputError('scale: say what to change, e.g. web=2:standard-1x worker=0');
  const seen = new Set<string>();
  return terms.map((term) => {
    const match = TERM.exec(term);
    if (!match) throw new InputError(`scale: "${term}" is not TYPE=QUANTITY[:SIZE], TYPE+N or TYPE-N (e.g. web=2:standard-1x)`);
    const [, type, absolute, relative, size] = match;
    const name = type!.toLowerCase();
    if (seen.has(name)) throw new InputError(`scale: ${name} is given twice`);
    seen.add(name);
    return {
      type: name,
      ...(absolute !== undefined && { quantity: Number(absolute) }),
      ...(relative !== undefined && { delta: Number(relative) }),
      ...(size !== undefined && { size: size.toLowerCase() }),
    };
  });
}
