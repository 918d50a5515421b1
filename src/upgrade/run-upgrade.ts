import { resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { locateProject } from '../project/build-root.js';
import { readDotenvFile } from '../project/dotenv.js';
import { gitTop } from './git-ops.js';
import type { UpgradeOptions } from './options.js';
import type { UpgradeOutcome } from './outcome.js';
import { upgradePackage } from './package-upgrade.js';
import { upgradePython } from './python-upgrade.js';
import { ReleaseMetadataClient } from './release-metadata.js';
import { upgradeStack } from './stack-upgrade.js';
import { parseSubject, subjectLabel } from './subject.js';
import type { UserPlace } from './typed-paths.js';

/** What every file upgrade starts from. */
export interface UpgradeContext {
  opts: UpgradeOptions;
  /** The folder given: the check runs from it, as `implanta check DIR` does. */
  dir: string;
  /** The Django project's root (manage.py's folder): the tests run there, and files are named from it. */
  root: string;
  /** The folder Heroku builds (project/build-root.ts): its dependency and Python version files are the ones edited. */
  buildRoot: string;
  /** Where the user runs implanta, and the git work tree's top: the commands they are told to type are named from there. */
  user: UserPlace;
  today: Date;
  /** The `--env-file` variables the tests run with (values are secret). */
  env: Record<string, string>;
  meta: ReleaseMetadataClient;
}

/**
 * `implanta upgrade`: choose the target, edit the files that declare the version, prove the edit with the
 * project's tests and the check, then commit (and deploy) when asked. The stack is the platform's own
 * upgrade: one API call, effective at the next build.
 */
export async function runUpgrade(opts: UpgradeOptions): Promise<UpgradeOutcome> {
  const subject = parseSubject(opts.what);
  if (opts.lts && !(subject.kind === 'package' && subject.name === 'django')) throw new InputError('--lts applies to Django only');
  if (opts.deploy && !opts.app) throw new InputError('--deploy needs the app: -a APP');
  if (subject.kind === 'stack') return upgradeStack(opts, envOf(opts));
  if (opts.deploy && !opts.commit) throw new InputError('--deploy ships a commit: add --commit, so the upgrade is committed before it is deployed');
  const dir = resolve(opts.dir);
  // Found as check finds it: in a monorepo, Heroku reads the pins and the Python version at the top.
  const { root, buildRoot } = locateProject(dir);
  const top = await gitTop(root);
  const ctx: UpgradeContext = {
    opts,
    dir,
    root,
    buildRoot,
    user: { cwd: process.cwd(), ...(top && { top }) },
    today: opts.today ?? new Date(),
    env: envOf(opts),
    meta: new ReleaseMetadataClient({ ...(opts.pypiUrl && { baseUrl: opts.pypiUrl }), ...(opts.cacheDir && { cacheDir: opts.cacheDir }), offline: opts.offline ?? false }),
  };
  return subject.kind === 'python' ? upgradePython(ctx) : upgradePackage(ctx, subject.name, subjectLabel(subject));
}

/** The variables the tests (and the deploy's tests) run with; their values are secrets. */
function envOf(opts: UpgradeOptions): Record<string, string> {
  return opts.envFile ? readDotenvFile(resolve(opts.envFile), opts.envFile) : {};
}

