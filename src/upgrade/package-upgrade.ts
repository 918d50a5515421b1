import { resolve } from 'node:path';
import { PlatformError } from '../core/errors.js';
import { readBuildDependencies } from '../project/build-files.js';
import { PypiClient } from '../versions/pypi.js';
import { stableVersions } from '../versions/releases.js';
import { declarationsOf } from './declarations.js';
import { installedVersions } from './installed.js';
import { upToDate, type UpgradeOutcome } from './outcome.js';
import { choosePackageTarget } from './package-target.js';
import { pinsOf } from './pins.js';
import { proveFileUpgrade } from './prove.js';
import { declaredPython } from './python-context.js';
import { requirementEdits } from './requirement-edits.js';
import { typedPath } from './typed-paths.js';
import type { UpgradeContext } from './run-upgrade.js';

/**
 * Django or any package: the pin moves where it is declared, to `--to` or the newest release the Python
 * and the other pins allow; the tests and the check then decide whether it stays.
 */
export async function upgradePackage(ctx: UpgradeContext, name: string, label: string): Promise<UpgradeOutcome> {
  const { opts, dir, root, buildRoot, user, today, env, meta } = ctx;
  // Where Heroku reads them: a monorepo's top, named from manage.py's folder (`../requirements.txt`).
  const deps = readBuildDependencies(root, buildRoot, env);
  const decl = declarationsOf(deps, name, buildRoot, opts.to);
  const { python } = declaredPython(root, buildRoot, today);
  const pypi = new PypiClient({ ...(opts.pypiUrl && { baseUrl: opts.pypiUrl }), ...(opts.cacheDir && { cacheDir: opts.cacheDir }), offline: opts.offline ?? false });
  opts.progress?.(`Asking ${pypi.baseUrl} about ${name}…`);
  const lookup = await pypi.lookup(name);
  if (lookup.status === 'unavailable' && !opts.offline && opts.to === undefined) throw new PlatformError(`cannot choose a ${label} version: ${lookup.reason}`);
  const releases = lookup.status === 'found' ? stableVersions(lookup.releases.map((r) => r.version)) : undefined;
  const missing = lookup.status === 'unavailable' ? lookup.reason : `${pypi.baseUrl} has no project ${name}`;
  const extras = [...new Set(decl.lines.flatMap((r) => r.extras))];
  const choice = await choosePackageTarget({
    name,
    label,
    ...(decl.current && { current: decl.current }),
    extras,
    ...(releases ? { releases } : { releasesMissing: missing }),
    index: pypi.baseUrl,
    pins: pinsOf(deps),
    python,
    meta,
    ...(opts.to !== undefined && { to: opts.to }),
    lts: opts.lts ?? false,
    today,
  });
  if (choice.kind === 'current') return upToDate(label, choice.message, decl.current);
  const { edits, places, notes } = requirementEdits({ root, buildRoot }, decl, choice.version);
  return proveFileUpgrade(
    {
      dir,
      root,
      buildRoot,
      user,
      label,
      ...(decl.current && { from: decl.current }),
      to: choice.version,
      edits,
      places,
      notes: [...choice.notes, ...notes],
      env,
      installedNote: async (interpreter) => {
        const installed = await installedVersions(interpreter.path, root, name);
        if (installed.version === choice.version) return undefined;
        const had = installed.version ? `installed ${label} ${installed.version}` : `no ${label} installed`;
        // deps is there: declarationsOf refuses a project without a dependency file.
        return `tests ran with ${had} (${interpreter.path}), not the new pin ${choice.version}: install it in your virtualenv (\`pip install -r ${typedPath(resolve(root, deps!.file), user.cwd)}\`) to prove the upgrade`;
      },
    },
    opts,
  );
}
