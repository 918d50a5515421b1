import { ImplantaError } from '../core/errors.js';
import { checkedDeploy } from '../deploy/cli-wiring.js';
import type { UpgradeOptions } from './options.js';

export interface DeployStep {
  outcome: string;
  /** The deploy's own one-line account of what happened and what serves now. */
  message: string;
  exitCode: number;
}

/**
 * `implanta deploy` after the upgrade, through the same wiring as the deploy command and all its gates. An untested tip is
 * tested there (`runTests`), in a worktree of the commit: the upgrade's own run tested the working folder.
 * The upgrade is done by then, so a deploy that cannot even start is reported as its outcome, not thrown.
 */
export async function deployAfterUpgrade(opts: {
  repo: string;
  app: string;
  apiUrl?: string;
  testCommand?: string;
  python?: string;
  env: Record<string, string>;
  progress?: (message: string) => void;
}): Promise<DeployStep> {
  try {
    const { result } = await checkedDeploy({
      dir: opts.repo,
      app: opts.app,
      ...(opts.apiUrl && { apiUrl: opts.apiUrl }),
      // The deploy's own default: the upgrade's check compared before and after, this one judges the app as it is.
      failLevel: 'warning',
      runTests: true,
      test: { ...(opts.testCommand && { command: opts.testCommand }), ...(opts.python && { python: opts.python }), env: opts.env },
      onStep: (step) => step.status === 'start' && opts.progress?.(`Deploy: ${step.name}…`),
    });
    return { outcome: result.outcome, message: result.message, exitCode: result.exitCode };
  } catch (error) {
    if (error instanceof ImplantaError) return { outcome: 'not-started', message: `deploy not started: ${error.message}`, exitCode: error.exitCode };
    throw error;
  }
}

/** The upgrade's flags the deploy (and its own test run) shares. */
export function deployFlags(opts: UpgradeOptions): { apiUrl?: string; testCommand?: string; python?: string; progress?: (message: string) => void } {
  return {
    ...(opts.apiUrl && { apiUrl: opts.apiUrl }),
    ...(opts.testCommand && { testCommand: opts.testCommand }),
    ...(opts.python && { python: opts.python }),
    ...(opts.progress && { progress: opts.progress }),
  };
}
