import { dirname, join } from 'node:path';
import { runReleaseSteps } from './release-steps.js';
import { createRunDatabase, type RunDatabase } from './run-database.js';
import { dynoEnv, interpreterPath } from './slug-env.js';
import { copyProject } from './workspace.js';

/**
 * The app as Heroku would have it just before its web dynos start: a copy of the project (the slug),
 * a database of its own, static files collected and the release phase run. The callback gets the folder
 * and the dyno environment (without PORT and WEB_CONCURRENCY, which each process sets); afterwards the
 * database is dropped and the copy removed, whether the callback succeeded, failed or was aborted.
 */

export interface ReleasedAppInput {
  root: string;
  pythonPath: string;
  evaluation: Record<string, string>;
  postgresUrl: string;
  /** The Procfile's `release:` command. */
  releaseCommand?: string;
  signal?: AbortSignal;
  onStep?: (message: string) => void;
  /** Called when the cleanup starts, however the callback ended. */
  onCleanup?: () => void;
}

export interface ReleasedApp {
  dir: string;
  env: NodeJS.ProcessEnv;
  database: string;
}

export async function withReleasedApp<T>(input: ReleasedAppInput, use: (app: ReleasedApp) => Promise<T>): Promise<T> {
  const workspace = copyProject(input.root);
  let database: RunDatabase | undefined;
  try {
    database = await createRunDatabase(input.postgresUrl);
    const path = interpreterPath(input.pythonPath, join(dirname(workspace.dir), 'bin'));
    const env = dynoEnv({ evaluation: input.evaluation, path, databaseUrl: database.url, dyno: 'web.1' });
    input.signal?.throwIfAborted();
    await runReleaseSteps({ dir: workspace.dir, env, releaseCommand: input.releaseCommand, onStep: (c) => input.onStep?.(`running ${c}`) });
    input.signal?.throwIfAborted();
    return await use({ dir: workspace.dir, env, database: database.name });
  } finally {
    input.onCleanup?.();
    await database?.drop();
    workspace.remove();
  }
}
