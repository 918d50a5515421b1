import type { CheckComparison } from './checks.js';
import type { DeployStep } from './deploy-step.js';
import type { StackPlan } from './stack-upgrade.js';
import type { TestOutcome } from './test-run.js';

/**
 * What an upgrade did, for the text and JSON renderings. `up-to-date`: nothing to move; `planned`: a
 * dry run; `upgraded`: edited (and committed, deployed when asked); `failed`: tests or checks failed and
 * the files were restored; `kept`: they failed and `--keep` left the edit in place.
 */
export interface UpgradeOutcome {
  subject: string;
  status: 'up-to-date' | 'planned' | 'upgraded' | 'failed' | 'kept';
  from?: string;
  to?: string;
  /** Why there is nothing to do. */
  message?: string;
  /** `file:line` of each edited declaration. */
  places: string[];
  diff: string;
  notes: string[];
  /** Dry run: each step an actual run would take. */
  wouldRun?: string[];
  tests?: TestOutcome;
  checks?: CheckComparison;
  commit?: { sha: string; message: string };
  /** Upgraded but not committed: the `git commit` that commits the edit, typed where implanta was run. */
  commitCommand?: string;
  stack?: StackPlan;
  /** `--deploy`: how the deploy that followed went. */
  deploy?: DeployStep;
}

/** 1 when the upgrade was tried and did not hold; else the deploy's own code when one followed; refusals are errors (2 or 3). */
export function outcomeExitCode(outcome: UpgradeOutcome): number {
  if (outcome.status === 'failed' || outcome.status === 'kept') return 1;
  return outcome.deploy?.exitCode ?? 0;
}

export function upToDate(subject: string, message: string, current: string | undefined): UpgradeOutcome {
  return { subject, status: 'up-to-date', ...(current && { from: current }), message, places: [], diff: '', notes: [] };
}
