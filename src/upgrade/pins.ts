import type { DependencySet } from '../project/types.js';
import { at } from './declarations.js';

/** A package the project installs at one exact version, with the line that pins it. */
export interface Pin {
  name: string;
  version: string;
  /** `requirements.txt:4`: where the pin is written (a constraint file's line when that pins it). */
  place: string;
  /** Extras requested on any requirement line of the package: they switch on `extra == "…"` dependencies. */
  extras: string[];
}

/** Every exact pin of an index package; packages installed from URLs or paths have no PyPI metadata to read. */
export function pinsOf(deps: DependencySet | undefined): Pin[] {
  const pins = new Map<string, Pin>();
  const reqs = deps?.requirements ?? [];
  const fromIndex = reqs.filter((r) => r.url === undefined && !r.editable);
  // A constraint's pin is the version pip installs, so it wins over a requirement line's.
  for (const req of [...fromIndex.filter((r) => r.kind === 'constraint'), ...fromIndex.filter((r) => r.kind === 'requirement')]) {
    if (!req.pinned || pins.has(req.name)) continue;
    pins.set(req.name, { name: req.name, version: req.pinned, place: at(req), extras: [] });
  }
  for (const req of fromIndex) {
    const pin = pins.get(req.name);
    if (pin && req.kind === 'requirement') pin.extras.push(...req.extras.filter((e) => !pin.extras.includes(e)));
  }
  return [...pins.values()];
}
