import { mkdirSync } from 'node:fs';
import type { Platform } from '../platform/platform.js';
import type { BuildRow } from '../platform/builds.js';
import type { Releaser, ReleaseJob } from '../release/releaser.js';
import type { OutputLog, OutputLogs } from '../streams/output-log.js';
import { BuildFailure } from './build-failure.js';
import { BuildpackOutput } from './buildpack-output.js';
import { compilePython } from './python-buildpack.js';
import { folderSize, formatSize } from './folder-size.js';
import type { SlugDirs } from './slug-dirs.js';
import { slugEnv } from './slug-env.js';
import type { SourceStore } from './sources.js';

export type BuildOutcome = { status: 'failed' } | { status: 'succeeded'; release: ReleaseJob };

export interface BuildJob {
  buildId: string;
  appId: string;
  log: OutputLog;
  done: Promise<BuildOutcome>;
}

export interface BuilderContext {
  platform: Platform;
  streams: OutputLogs;
  sources: SourceStore;
  slugDirs: SlugDirs;
  releaser: Releaser;
  /** The interpreter builds and dynos run with; rejects when there is none. */
  python: () => Promise<string>;
  /** The app's web_url, for the "deployed to Heroku" line. */
  webUrl: (appId: string) => string;
  signal: AbortSignal;
}

/**
 * Runs each build the platform records (a push, or POST /apps/{app}/builds): unpack the source, compile
 * it with the Python buildpack's steps into the slug folder, record the slug and release it. Builds of
 * one app run one after another, as Heroku queues them; the output streams live the whole time.
 */
export class Builder {
  private readonly jobs = new Map<string, BuildJob>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly ctx: BuilderContext) {}

  /** Called from `hooks.buildCreated`: the job exists at once (its output can be followed), the work starts next. */
  start(buildId: string): BuildJob {
    const row = this.ctx.platform.db.prepare('SELECT * FROM builds WHERE id = ?').get(buildId) as BuildRow;
    const log = this.ctx.streams.create(buildId);
    const previous = this.queues.get(row.app_id) ?? Promise.resolve();
    const done = previous.then(() => this.run(row, log));
    this.queues.set(row.app_id, done.catch(() => undefined));
    const job = { buildId, appId: row.app_id, log, done };
    this.jobs.set(buildId, job);
    return job;
  }

  job(buildId: string): BuildJob | undefined {
    return this.jobs.get(buildId);
  }

  /** Every build still running, to wait for on shutdown. */
  running(): Promise<unknown>[] {
    return [...this.queues.values()];
  }

  private async run(row: BuildRow, log: OutputLog): Promise<BuildOutcome> {
    const { platform } = this.ctx;
    const out = new BuildpackOutput(log);
    const source = JSON.parse(row.source_blob) as { url: string; version: string | null; version_description: string | null };
    try {
      out.step(`Building on the ${stackLabel(row.stack)} stack`);
      const slugDir = this.ctx.slugDirs.forBuild(row.id);
      mkdirSync(slugDir, { recursive: true });
      await this.ctx.sources.unpack(source.url, slugDir, this.ctx.signal);
      const python = await this.ctx.python().catch((error: Error) => {
        throw new BuildFailure([error.message]);
      });
      const env = slugEnv(platform.config.of(row.app_id), slugDir, python, {
        STACK: row.stack,
        ...(source.version && { SOURCE_VERSION: source.version }),
      });
      const compiled = await compilePython({ slugDir, python, env, out, signal: this.ctx.signal });

      out.step('Compressing...');
      const size = folderSize(slugDir);
      out.detail(`Done: ${formatSize(size)}`);
      const slug = platform.slugs.create(
        row.app_id,
        {
          process_types: compiled.processTypes,
          commit: source.version ?? undefined,
          commit_description: source.version_description ?? undefined,
          buildpack_provided_description: compiled.description,
          stack: row.stack,
        },
        size,
      );

      out.step('Launching...');
      const description = source.version ? `Deploy ${source.version.slice(0, 8)}` : 'Deploy';
      const slugId = slug.id!;
      const release = this.ctx.releaser.releaseSlug(row.app_id, slugId, description);
      if (release.log) out.warn('Release command declared: this new release will not be available until the command succeeds.');
      out.detail(`Released v${release.version}`);
      out.detail(`${this.ctx.webUrl(row.app_id)} deployed to Heroku`);
      out.blank();
      platform.builds.finish(row.id, { status: 'succeeded', slugId, releaseId: release.releaseId });
      log.end();
      return { status: 'succeeded', release };
    } catch (error) {
      const lines = error instanceof BuildFailure ? error.lines : [`The build stopped: ${(error as Error).message}`];
      for (const line of lines) out.warn(line);
      out.blank();
      out.warn('Push rejected, failed to compile Python app.');
      out.blank();
      out.warn('Push failed');
      try {
        platform.builds.finish(row.id, { status: 'failed' });
      } catch {
        // The app was deleted during its build.
      }
      log.end();
      return { status: 'failed' };
    }
  }
}

/** `heroku-24` → `Heroku-24`, as the build output names the stack. */
function stackLabel(stack: string): string {
  return stack.charAt(0).toUpperCase() + stack.slice(1);
}
