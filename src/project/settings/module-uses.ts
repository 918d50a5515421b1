/**
 * Modules the settings name in strings: apps, middleware, backends and storages. Django imports
 * them at startup, so each must be installed (declared in the requirements) unless it belongs to
 * the project or the standard library.
 */
import { compareText } from '../../core/engine.js';
import { PyDict, sequenceItems, type PyValue } from '../python-value.js';
import type { Evaluator } from './context.js';
import { isProjectModule } from './modules.js';
import { isStdlibModule } from './stdlib-modules.js';
import { itemProvenance } from './provenance.js';
import type { Binding, Origin, SettingsView } from './types.js';

type Kind = 'module' | 'class' | 'app';

/** Settings holding dotted paths, and what each path names. */
const LISTS: Record<string, Kind> = {
  INSTALLED_APPS: 'app',
  MIDDLEWARE: 'class',
  MIDDLEWARE_CLASSES: 'class',
  AUTHENTICATION_BACKENDS: 'class',
  PASSWORD_HASHERS: 'class',
};

const SINGLES: Record<string, Kind> = {
  STATICFILES_STORAGE: 'class',
  DEFAULT_FILE_STORAGE: 'class',
  EMAIL_BACKEND: 'class',
  SESSION_ENGINE: 'module',
  MESSAGE_STORAGE: 'class',
  TEST_RUNNER: 'class',
};

/** Dict-of-dicts settings and the key inside each entry that holds a path. */
const NESTED: Record<string, [string, Kind]> = {
  DATABASES: ['ENGINE', 'module'],
  CACHES: ['BACKEND', 'class'],
  STORAGES: ['BACKEND', 'class'],
  CHANNEL_LAYERS: ['BACKEND', 'class'],
};

/** The module a dotted path needs: a class path loses its class; an app path may be an AppConfig class. */
function moduleOf(path: string, kind: Kind): string | undefined {
  if (!/^[A-Za-z_][\w]*(\.[A-Za-z_]\w*)*$/.test(path)) return undefined;
  const parts = path.split('.');
  const last = parts.at(-1)!;
  const isClass = kind === 'class' || (kind === 'app' && parts.length > 1 && /^[A-Z]/.test(last));
  return isClass && parts.length > 1 ? parts.slice(0, -1).join('.') : path;
}

/** Where a list item was written, when it is a literal of the code; else where the setting was set. */
function writtenAt(list: PyValue, index: number, binding: Binding): Origin {
  const source = itemProvenance(list, index, binding.provenance);
  return source?.kind === 'literal' ? { file: source.file, line: source.line } : binding.origin;
}

/** Records each module the settings name, in the order of the lines that name them. */
export function recordSettingModules(ev: Evaluator, view: SettingsView): void {
  const found: Array<{ module: string; origin: Origin }> = [];
  const record = (path: PyValue | undefined, kind: Kind, setting: string, origin?: Origin) => {
    if (typeof path !== 'string') return;
    const module = moduleOf(path, kind);
    if (module && !isStdlibModule(module) && !isProjectModule(ev, module)) found.push({ module, origin: origin ?? view.get(setting)!.origin });
  };
  for (const [setting, kind] of Object.entries(LISTS)) {
    const binding = view.get(setting);
    const list = binding?.value ?? null;
    // Each item where it is written (`'colorfield',` in base.py), not where the list was last added
    // to (`INSTALLED_APPS += [...]` in production.py); the setting's line when that is not known.
    (sequenceItems(list) ?? []).forEach((item, i) => record(item, kind, setting, writtenAt(list, i, binding!)));
  }
  for (const [setting, kind] of Object.entries(SINGLES)) record(view.get(setting)?.value, kind, setting);
  for (const [setting, [key, kind]] of Object.entries(NESTED)) {
    const value = view.get(setting)?.value;
    if (!(value instanceof PyDict)) continue;
    for (const entry of value.entries.values()) if (entry instanceof PyDict) record(entry.get(key), kind, setting);
  }
  const templates = view.get('TEMPLATES')?.value;
  for (const entry of sequenceItems(templates ?? null) ?? []) if (entry instanceof PyDict) record(entry.get('BACKEND'), 'class', 'TEMPLATES');
  found.sort((a, b) => compareText(a.origin.file, b.origin.file) || a.origin.line - b.origin.line);
  for (const { module, origin } of found) ev.recordImport(module, origin, 'setting');
}
