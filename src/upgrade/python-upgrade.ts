import { InputError } from '../core/errors.js';
import { readBuildDependencies } from '../project/build-files.js';
import { pythonSeriesOf } from '../project/python-version.js';
import { pythonConflicts } from './compatibility.js';
import { installedVersions } from './installed.js';
import { upToDate, type UpgradeOutcome } from './outcome.js';
import { pinsOf } from './pins.js';
import { proveFileUpgrade } from './prove.js';
import { declaredPython } from './python-context.js';
import { pythonEdits } from './python-edits.js';
import { choosePythonTarget } from './python-target.js';
import type { UpgradeContext } from './run-upgrade.js';

/** The declared Python moves to `--to` or the newest series Heroku builds and the pinned Django supports. */
export async function upgradePython(ctx: UpgradeContext): Promise<UpgradeOutcome> {
  const { opts, dir, root, buildRoot, user, today, env, meta } = ctx;
  // Where Heroku reads them: a monorepo's top, named from manage.py's folder (`../.python-version`).
  const deps = readBuildDependencies(root, buildRoot, env);
  const { declared, python } = declaredPython(root, buildRoot, today);
  const current = python.place ? python.version : undefined;
  const choice = choosePythonTarget(current, deps, opts.to, today);
  if (choice.kind === 'current') return upToDate('Python', choice.message, current);
  opts.progress?.('Reading what each pinned release requires of Python…');
  const fit = await pythonConflicts(choice.version, pinsOf(deps), meta);
  if (fit.conflicts.length > 0) throw new InputError(`Python ${choice.version} does not fit the project: ${fit.conflicts.join('; ')}`);
  const { edits, places, notes } = pythonEdits({ root, buildRoot }, declared, choice.version, user);
  const unchecked = fit.unchecked.length > 0 ? [`not checked against every pin's requires_python: ${fit.unchecked.join('; ')}`] : [];
  return proveFileUpgrade(
    {
      dir,
      root,
      buildRoot,
      user,
      label: 'Python',
      ...(current && { from: current }),
      to: choice.version,
      edits,
      places,
      notes: [...notes, ...unchecked],
      env,
      installedNote: async (interpreter) => {
        const ran = (await installedVersions(interpreter.path, root)).python;
        if (ran && pythonSeriesOf(ran) === pythonSeriesOf(choice.version)) return undefined;
        return `tests ran with Python ${ran ?? '(unknown)'} (${interpreter.path}), not ${choice.version}: create a virtualenv with Python ${choice.version} to prove the upgrade`;
      },
    },
    opts,
  );
}
