import { runLogged } from '../build/run-logged.js';
import type { AppLogs } from '../dynos/app-logs.js';
import type { OutputLog } from '../streams/output-log.js';

/** Heroku stops a release command after an hour. */
const RELEASE_TIMEOUT_MS = 3_600_000;

export interface ReleasePhaseInput {
  appId: string;
  /** The Procfile's `release:` command. */
  command: string;
  slugDir: string;
  env: NodeJS.ProcessEnv;
  /** The release's `output_stream_url` text. */
  log: OutputLog;
  appLogs: AppLogs;
  signal?: AbortSignal;
}

/**
 * Runs the release command once, in the new slug with the release's config, as a `release.1` one-off
 * dyno: its output goes both to the release's output stream and to the app's log, with the dyno
 * manager's lines around it. True when it exited 0.
 */
export async function runReleasePhase(input: ReleasePhaseInput): Promise<boolean> {
  const dyno = input.env.DYNO ?? 'release.1';
  const say = (message: string) => input.appLogs.add(input.appId, 'heroku', dyno, message);
  say(`Starting process with command \`${input.command}\``);
  say('State changed from starting to up');
  const result = await runLogged({
    command: '/bin/sh',
    args: ['-c', input.command],
    cwd: input.slugDir,
    env: input.env,
    onLine: (line) => {
      input.log.line(line);
      input.appLogs.add(input.appId, 'app', dyno, line);
    },
    timeoutMs: RELEASE_TIMEOUT_MS,
    ...(input.signal && { signal: input.signal }),
  });
  if (result.failure) input.log.line(`The release command ${result.failure}.`);
  say(`Process exited with status ${result.code ?? 137}`);
  say('State changed from up to complete');
  return result.code === 0;
}
