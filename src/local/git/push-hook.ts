import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Builder } from '../build/builder.js';
import type { PushObjects, SourceStore } from '../build/sources.js';
import type { Platform } from '../platform/platform.js';
import type { OutputLog } from '../streams/output-log.js';
import type { AppRepos } from './repos.js';
import { buildableUpdate, NON_MAIN_BRANCH_MESSAGE, parseRefUpdates, touchesOtherBranches } from './ref-updates.js';
import { sendError } from '../api/http-io.js';
import { ApiError } from '../platform/errors.js';

export interface PushHookContext {
  platform: Platform;
  repos: AppRepos;
  sources: SourceStore;
  builder: Builder;
  /** The secret the hook proves itself with: only this platform's repositories can start builds. */
  token: string;
}

interface HookRequest {
  app?: unknown;
  updates?: unknown;
  objects?: PushObjects;
}

/**
 * POST /hooks/pre-receive, called by every app repository's pre-receive hook. A push to main or master is
 * built right there, its output streamed back to the pusher, and the push is rejected when the build
 * fails, as Heroku does; the release phase's output follows. Pushes to other branches are accepted
 * without a build and told so. The exit status for the hook travels in the `X-Hook-Exit` trailer.
 */
export async function handlePreReceive(req: IncomingMessage, res: ServerResponse, ctx: PushHookContext): Promise<void> {
  if (req.headers.authorization !== `Bearer ${ctx.token}`) {
    sendError(res, new ApiError(403, 'forbidden', "Only the platform's own repositories may call this hook."));
    return;
  }
  const body = await readBody(req);
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', Trailer: 'X-Hook-Exit' });
  const write = (text: string) => {
    if (!res.writableEnded && !res.destroyed) res.write(text);
  };
  let exit = 1;
  try {
    exit = await buildPush(body, ctx, write);
  } catch (error) {
    write(` !     The platform could not build this push: ${(error as Error).message}\n`);
  }
  res.addTrailers({ 'X-Hook-Exit': String(exit) });
  res.end();
}

async function buildPush(body: HookRequest, ctx: PushHookContext, write: (text: string) => void): Promise<number> {
  const app = ctx.platform.apps.find(String(body.app ?? ''));
  const updates = parseRefUpdates(typeof body.updates === 'string' ? body.updates : '');
  const target = buildableUpdate(updates);
  if (!target) {
    if (touchesOtherBranches(updates)) write(`${NON_MAIN_BRANCH_MESSAGE}\n`);
    return 0;
  }
  const repo = await ctx.repos.ensure(app.id);
  const source = await ctx.sources.fromPush(repo, target.newSha, body.objects ?? {});
  write('Compressing source files... done.\nBuilding source:\n\n');
  const build = ctx.platform.builds.create(app.id, {
    source_blob: { url: source.url, version: source.version, version_description: source.description },
  });
  const job = ctx.builder.job(build.id);
  if (!job) throw new Error('the build was recorded but no builder picked it up');
  await relay(job.log, write);
  const outcome = await job.done;
  if (outcome.status === 'failed') return 1;

  write('Verifying deploy... done.\n');
  const { release } = outcome;
  if (release.log) {
    write('Running release command...\n\n');
    await relay(release.log, write);
    const status = await release.done;
    write(status === 'succeeded' ? 'Waiting for release.... done.\n' : `Waiting for release.... failed.\n !     Release command failed: v${release.version} is not live; the previous release keeps serving.\n`);
  }
  return 0;
}

/** Writes a log to the pusher as it grows, resolving when it ends. */
function relay(log: OutputLog, write: (text: string) => void): Promise<void> {
  return new Promise((resolve) => {
    log.follow(0, { data: (chunk) => write(chunk.toString('utf8')), end: resolve });
  });
}

async function readBody(req: IncomingMessage): Promise<HookRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  try {
    const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as HookRequest) : {};
  } catch {
    return {};
  }
}
