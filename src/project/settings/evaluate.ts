/**
 * The static settings evaluator: what a Django process would find in its settings module, worked
 * out from the source without running it. Values that depend on something only running code could
 * tell are Unknown, with the reason and the place.
 */
import { InputError } from '../../core/errors.js';
import { isModulePath } from '../module-path.js';
import { Evaluator, type ModuleState } from './context.js';
import { applyConfiguration } from './configurations.js';
import { loadModule } from './modules.js';
import { recordSettingModules } from './module-uses.js';
import { type SourceFiles, withSourceFiles } from './sources.js';
import type { Binding, SettingsEvaluation, SettingsView } from './types.js';
import { fitsInReport, isSettingName } from './values.js';
import { TOO_LARGE, withBudget } from './budget.js';
import { Unknown } from '../python-value.js';
import { provenanceAt } from './provenance.js';

export interface EvaluateOptions {
  /** Absolute project root (the folder of manage.py); modules resolve from here. */
  root: string;
  /** Dotted settings module: `hollow.settings`, `config.settings.production`. */
  module: string;
  /** The environment the process would have: only this, never implanta's own. */
  env: Record<string, string>;
  /** The Django the app runs (from its requirements), for settings that test `django.VERSION`. */
  django?: { major: number; minor: number };
  /** Whether a third-party top-level module is installed (declared in the requirements); undefined when unknown. */
  installed?: (module: string) => boolean | undefined;
}

export async function evaluateSettings(opts: EvaluateOptions): Promise<SettingsEvaluation> {
  if (!isModulePath(opts.module)) throw new InputError(`'${opts.module}' is not a Python module name`);
  return withSourceFiles(opts.root, (sources) => evaluateWith(sources, opts));
}

function evaluateWith(sources: SourceFiles, opts: EvaluateOptions): SettingsEvaluation {
  const ev = new Evaluator(opts.root, new Map(Object.entries(opts.env)), sources, opts.django);
  if (opts.installed) ev.installed = opts.installed;
  const { settings, bindings } = withBudget(ev.budget, () => {
    const state = loadModule(ev, opts.module);
    applyConfiguration(ev, state);
    const view = settingsView(state);
    recordSettingModules(ev, view);
    return { settings: view, bindings: state.scope.bindings };
  });
  return {
    settings,
    envReads: ev.envReads,
    imports: ev.imports,
    files: ev.files,
    dotenvFilesRead: ev.dotenvFiles,
    bootFailures: ev.bootFailures,
    provenance: (name, path = []) => {
      const binding = isSettingName(name) ? bindings.get(name) : undefined;
      return binding && provenanceAt(binding.value, binding.provenance, path);
    },
  };
}

/**
 * Django reads the module's upper-case names; the rest are helpers of the settings file. A value too
 * big or too deep for the rules and reports to walk (shared or cyclic lists) is Unknown.
 */
function settingsView(state: ModuleState): SettingsView {
  const bindings = new Map<string, Binding>();
  for (const [name, binding] of state.scope.bindings) {
    if (!isSettingName(name)) continue;
    const fits = fitsInReport(binding.value);
    bindings.set(name, fits ? binding : { ...binding, value: new Unknown(TOO_LARGE, binding.origin.file, binding.origin.line) });
  }
  return {
    module: state.name,
    file: state.file ?? state.name.replace(/\./g, '/'),
    source: 'static',
    get: (name) => bindings.get(name),
    names: () => [...bindings.keys()],
  };
}
