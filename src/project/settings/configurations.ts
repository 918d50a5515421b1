/**
 * django-configurations: the settings module holds classes, and the one named by
 * DJANGO_CONFIGURATION (a config var, or manage.py's default) becomes the settings. Its importer
 * makes an instance and copies every upper-case attribute onto the module, properties computed on
 * that instance. The setup hooks (pre_setup, setup, post_setup) are not run, and `values.*Value`
 * objects stay unknown: both are code of the library.
 */
import { PyOpaque, Unknown, type PyValue } from '../python-value.js';
import { Frame, type Evaluator, type ModuleState } from './context.js';
import { PyClass, PyInstance } from './classes.js';
import { keepScope } from './function-frame.js';
import { Scope } from './scope.js';
import { PyRaise } from './signals.js';
import type { Origin } from './types.js';
import { isSettingName } from './values.js';

const VARIABLE = 'DJANGO_CONFIGURATION';

/** Whether the class derives from django-configurations' Configuration. */
function isConfiguration(cls: PyClass, seen = new Set<PyClass>()): boolean {
  if (seen.has(cls)) return false;
  seen.add(cls);
  return cls.bases.some((base) => (base instanceof PyClass ? isConfiguration(base, seen) : base instanceof PyOpaque && /^configurations(\.base)?\.Configuration$/.test(base.name)));
}

/** Upper-case attributes along the class and its project bases, with where each was set (the first in lookup order wins). */
function settingNames(cls: PyClass, found = new Map<string, Origin>(), seen = new Set<PyClass>()): Map<string, Origin> {
  if (seen.has(cls)) return found;
  seen.add(cls);
  for (const [name, binding] of cls.namespace.bindings) if (isSettingName(name) && !found.has(name)) found.set(name, binding.origin);
  for (const base of cls.bases) if (base instanceof PyClass) settingNames(base, found, seen);
  return found;
}

/** When the module is a django-configurations module, its settings become the chosen class's attributes. */
export function applyConfiguration(ev: Evaluator, state: ModuleState): void {
  const chosen = ev.environ.get(VARIABLE);
  if (typeof chosen !== 'string' || !state.file) return;
  const cls = state.scope.bindings.get(chosen)?.value;
  if (!(cls instanceof PyClass) || !isConfiguration(cls)) return;
  const frame = new Frame(ev, state, state.scope);
  const root = ev.sources.parse(state.abs).rootNode;
  const instance = new PyInstance(cls, new Scope());
  keepScope(ev, instance.attributes);
  for (const [name, origin] of settingNames(cls)) {
    let value: PyValue;
    try {
      value = instance.getAttribute(frame, name, root);
    } catch (error) {
      if (!(error instanceof PyRaise)) throw error;
      value = error.toUnknown();
    }
    if (value instanceof PyOpaque && /^configurations\.values\./.test(value.name)) value = new Unknown(`${name} is a django-configurations value, which the library resolves`, origin.file, origin.line);
    state.scope.set(name, value, origin);
  }
}
