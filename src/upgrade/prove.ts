import { InputError } from '../core/errors.js';
import { loadDeployConfig } from '../deploy/config.js';
import { onInterrupt } from '../deploy/interrupt.js';
import { findPython, type PythonInterpreter } from '../python/interpreter.js';
import { checkSnapshot, compareChecks, type CheckComparison } from './checks.js';
import { deployAfterUpgrade, deployFlags } from './deploy-step.js';
import { applyEdits, restoreEdits, type FileEdit } from './file-edits.js';
import { assertCommittable, commitFiles, currentBranch } from './git-ops.js';
import type { UpgradeOptions } from './options.js';
import type { UpgradeOutcome } from './outcome.js';
import { planTests, runTests, type TestOutcome, type TestPlan } from './test-run.js';
import { diffName, gitCommand, type UserPlace } from './typed-paths.js';
import { unifiedDiff } from './unified-diff.js';
import { maskRequirementText } from '../project/requirements/url-credentials.js';

/** A file upgrade ready to be proven: the edits in memory, and what they move. */
export interface FileUpgrade {
  /** The folder given: the check runs from it, so it finds the build root `implanta check DIR` finds. */
  dir: string;
  /** The project root (manage.py's folder): the tests run there. */
  root: string;
  /** The folder Heroku builds: outside git, the diff names files from it. */
  buildRoot: string;
  /** Where the user is: the commit command they are told to type is named from there. */
  user: UserPlace;
  label: string;
  from?: string;
  to: string;
  edits: FileEdit[];
  places: string[];
  notes: string[];
  /** The evaluation environment from `--env-file` (values are secret). */
  env: Record<string, string>;
  /** What the tests really ran with, when it is not the new version: the note that says so. */
  installedNote: (python: PythonInterpreter) => Promise<string | undefined>;
}

/**
 * Writes the edits, runs the project's tests and the static check against them, and keeps the edits only
 * when both hold (or `--keep`); then commits them, and deploys, when asked. Whatever goes wrong before the
 * commit puts the files back byte for byte: nothing is left half-done.
 */
export async function proveFileUpgrade(upgrade: FileUpgrade, opts: UpgradeOptions): Promise<UpgradeOutcome> {
  const { root, edits, user } = upgrade;
  // The diff is printed: context lines of a requirements file may hold an index URL with its token.
  const shown = (bytes: Buffer) => maskRequirementText(bytes.toString('utf8'));
  // Headers as git shows them, from the top of the work tree (`a/requirements.txt`), not as findings name the file.
  const diff = edits.map((e) => unifiedDiff(diffName(e.path, user.top, upgrade.buildRoot), e.before && shown(e.before), shown(e.after))).join('');
  const message = commitMessage(upgrade);
  const top = user.top;
  const commitCommand = gitCommand(user, 'commit', [...new Set(edits.map((e) => e.path))]);
  if (opts.commit) await preflightGit(top, root, edits, opts);
  const config = loadDeployConfig(top ?? root);
  const plan = await planTests(root, { ...(opts.testCommand && { testCommand: opts.testCommand }), ...(config.testCommand && { configured: config.testCommand }), ...(opts.python && { python: opts.python }) });
  const base: UpgradeOutcome = { subject: upgrade.label, status: 'planned', ...(upgrade.from && { from: upgrade.from }), to: upgrade.to, places: upgrade.places, diff, notes: [...upgrade.notes] };
  if (opts.dryRun) {
    const wouldRun = [`edit ${upgrade.places.join(', ')}`, `run the tests: ${plan.display}`, 'run implanta check (static) before and after the edit', opts.keep ? 'keep the edit even if they fail' : 'restore the files if either fails'];
    if (opts.commit) wouldRun.push(`${commitCommand} -m "${message}"`);
    if (opts.deploy) wouldRun.push(`implanta deploy -a ${opts.app}`);
    return { ...base, wouldRun };
  }

  const { tests, checks } = await proveEdits(upgrade, plan, opts);
  const interpreter = plan.interpreter ?? (await findPython({ root, ...(opts.python && { explicit: opts.python }) }).catch(() => undefined));
  const installed = interpreter ? await upgrade.installedNote(interpreter) : 'the tests ran through a custom command with an interpreter implanta could not find: it cannot tell which versions they used';
  const notes = installed ? [...base.notes, installed] : base.notes;
  const result: UpgradeOutcome = { ...base, notes, tests, checks };
  if (!tests.passed || checks.introduced.length > 0) {
    if (!opts.keep) restoreEdits(edits);
    return { ...result, status: opts.keep ? 'kept' : 'failed' };
  }
  if (!opts.commit) return { ...result, status: 'upgraded', commitCommand };
  let sha: string;
  try {
    sha = await commitFiles(top!, edits.map((e) => e.path), message);
  } catch (error) {
    restoreEdits(edits);
    throw error;
  }
  const committed: UpgradeOutcome = { ...result, status: 'upgraded', commit: { sha, message } };
  if (!opts.deploy) return committed;
  const deploy = await deployAfterUpgrade({ repo: top!, app: opts.app!, ...deployFlags(opts), env: upgrade.env });
  return { ...committed, deploy };
}

/** Edits on disk, tests and check run against them; any failure on the way (a signal included) restores the files. */
async function proveEdits(upgrade: FileUpgrade, plan: TestPlan, opts: UpgradeOptions): Promise<{ tests: TestOutcome; checks: CheckComparison }> {
  const progress = opts.progress ?? (() => {});
  progress('Checking the project before the edit…');
  const before = await checkSnapshot(upgrade.dir, opts.envFile, opts.today);
  applyEdits(upgrade.edits);
  const release = onInterrupt(() => restoreEdits(upgrade.edits));
  try {
    progress(`Running the tests: ${plan.display}…`);
    const tests = await runTests(upgrade.root, plan, upgrade.env);
    progress('Checking the upgraded project…');
    const after = await checkSnapshot(upgrade.dir, opts.envFile, opts.today);
    return { tests, checks: compareChecks(before, after) };
  } catch (error) {
    restoreEdits(upgrade.edits);
    throw error;
  } finally {
    release();
  }
}

/**
 * Everything `--commit` and `--deploy` need is checked before a file changes: a work tree, files with no
 * changes of their own, and for a deploy the branch the deploy ships.
 */
async function preflightGit(top: string | undefined, root: string, edits: FileEdit[], opts: UpgradeOptions): Promise<void> {
  if (!top) throw new InputError(`--commit: ${root} is not in a git work tree`);
  await assertCommittable(top, edits.map((e) => e.path));
  if (opts.deploy) await assertDeployBranch(top);
}

/** The deploy ships the configured branch (`production` by default): the upgrade commit must land on it. */
async function assertDeployBranch(top: string): Promise<void> {
  const wanted = loadDeployConfig(top).branch;
  const branch = await currentBranch(top);
  if (branch !== wanted) {
    throw new InputError(
      `--deploy ships the ${wanted} branch and you are on ${branch}: upgrade on ${wanted} (\`git switch ${wanted}\`), or upgrade here with --commit, then \`git switch ${wanted} && git merge ${branch}\` and \`implanta deploy\``,
    );
  }
}

function commitMessage(upgrade: FileUpgrade): string {
  return upgrade.from ? `Upgrade ${upgrade.label} ${upgrade.from} → ${upgrade.to} (implanta upgrade)` : `Upgrade ${upgrade.label} to ${upgrade.to} (implanta upgrade)`;
}
