import type { DynoProcess } from '../../size/dyno-process.js';
import { isoSeconds, newId } from '../platform/ids.js';

/** Heroku's dyno states; `down` is a dyno being stopped. */
export type DynoState = 'starting' | 'up' | 'crashed' | 'down';

export interface DynoRelease {
  id: string;
  version: number;
  slugId: string;
}

/** One dyno of an app: what the API lists, what the router sends requests to. */
export class Dyno {
  readonly id = newId();
  readonly createdAt = isoSeconds(new Date());
  updatedAt = this.createdAt;
  state: DynoState = 'starting';
  process: DynoProcess | undefined;
  /** Requests the router has sent and not yet seen answered: a retiring dyno stops once they are. */
  inflight = 0;
  /** Gets traffic: false for a prebooting dyno until the cut-over, and for one being stopped. */
  serving: boolean;
  stopping = false;
  /** An old web dyno during a preboot: it serves until the new ones take over, but is no longer listed. */
  superseded = false;
  /** Crashes in a row, for the restart backoff. */
  crashes = 0;
  upSince: number | undefined;
  restartTimer: NodeJS.Timeout | undefined;
  boot: AbortController | undefined;

  constructor(
    readonly appId: string,
    readonly type: string,
    readonly index: number,
    readonly release: DynoRelease,
    readonly command: string,
    /** The formation's size name (`basic`, `standard-1x`). */
    readonly size: string,
    serving: boolean,
  ) {
    this.serving = serving;
  }

  get name(): string {
    return `${this.type}.${this.index}`;
  }

  get port(): number | undefined {
    return this.process?.port;
  }

  setState(state: DynoState): DynoState {
    const before = this.state;
    this.state = state;
    this.updatedAt = isoSeconds(new Date());
    return before;
  }
}
