import type { AppLogs } from '../dynos/app-logs.js';
import { slugEnv } from '../build/slug-env.js';
import type { SlugDirs } from '../build/slug-dirs.js';
import type { Platform } from '../platform/platform.js';
import type { OutputLog, OutputLogs } from '../streams/output-log.js';
import { runReleasePhase } from './release-phase.js';

export type ReleaseStatus = 'succeeded' | 'failed';

export interface ReleaseJob {
  releaseId: string;
  version: number;
  /** The release phase's output, when the slug has a `release` process. */
  log?: OutputLog;
  done: Promise<ReleaseStatus>;
}

export interface ReleaserContext {
  platform: Platform;
  streams: OutputLogs;
  appLogs: AppLogs;
  slugDirs: SlugDirs;
  python: () => Promise<string>;
  signal: AbortSignal;
}

/**
 * Turns a built slug into a release as Heroku does: the release is created `pending`; when the Procfile
 * has a `release` process it runs first (its output at the release's `output_stream_url`), and only its
 * success makes the release `succeeded` and current, which restarts the dynos on it. A failed release
 * phase leaves the previous release serving.
 */
export class Releaser {
  constructor(private readonly ctx: ReleaserContext) {}

  releaseSlug(appId: string, slugId: string, description: string): ReleaseJob {
    const { platform } = this.ctx;
    const command = platform.slugs.processTypes(platform.slugs.find(appId, slugId)).release;
    const row = platform.transaction(() => platform.releases.create(appId, { description, slugId, status: 'pending' }));
    const log = command ? this.ctx.streams.create(row.id) : undefined;
    const done = new Promise<ReleaseStatus>((resolve) => {
      // After the caller has linked the build to this release: the release settles strictly later.
      setImmediate(() => void this.settle(appId, row.id, slugId, command, log).then(resolve));
    });
    return { releaseId: row.id, version: row.version, ...(log && { log }), done };
  }

  /** The release's `output_stream_url`: only releases that ran a release phase have one. */
  outputStreamPath(releaseId: string): string | null {
    return this.ctx.streams.has(releaseId) ? `/streams/releases/${releaseId}` : null;
  }

  private async settle(appId: string, releaseId: string, slugId: string, command: string | undefined, log: OutputLog | undefined): Promise<ReleaseStatus> {
    let status: ReleaseStatus = 'failed';
    try {
      status = command && log ? await this.runPhase(appId, releaseId, slugId, command, log) : 'succeeded';
      this.ctx.platform.releases.finish(releaseId, status);
    } catch (error) {
      log?.line(`The release could not run: ${(error as Error).message}`);
      status = 'failed';
      try {
        this.ctx.platform.releases.finish(releaseId, 'failed');
      } catch {
        // The app is gone: nothing left to settle.
      }
    }
    log?.end();
    return status;
  }

  private async runPhase(appId: string, releaseId: string, slugId: string, command: string, log: OutputLog): Promise<ReleaseStatus> {
    const slugDir = this.ctx.slugDirs.forSlug(slugId);
    if (!slugDir) {
      log.line('This slug has no files on the local platform (it was not built here), so its release command cannot run.');
      return 'failed';
    }
    const config = this.ctx.platform.releases.config(appId, releaseId) as Record<string, string>;
    const env = slugEnv(config, slugDir, await this.ctx.python(), { DYNO: 'release.1' });
    // The release phase binds no port, as on Heroku.
    delete env.PORT;
    const ok = await runReleasePhase({ appId, command, slugDir, env, log, appLogs: this.ctx.appLogs, signal: this.ctx.signal });
    return ok ? 'succeeded' : 'failed';
  }
}
