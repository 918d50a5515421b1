import type { Report, Rule } from '../core/rule.js';
import { defineRule } from '../core/define-rule.js';
import { chooseSettingsModule } from '../project/settings-candidates.js';
import type { ProjectFacts, PythonPastCap, SettingsCandidate } from '../project/types.js';
import { sizeLabel } from '../project/project-file.js';
import { PARSE_CAP_NODES } from '../project/settings/parser.js';
import { devCenter } from './support.js';

function where(c: SettingsCandidate): string {
  if (c.source === 'environment') return 'DJANGO_SETTINGS_MODULE in the environment';
  if (c.source === '--settings') return '--settings';
  const how = c.overridesEnvironment ? 'forced' : 'default';
  return `${c.file ?? c.source}${c.line !== undefined ? `:${c.line}` : ''} (${c.source === 'Procfile' ? 'web process' : how})`;
}

/** codebase.settings-module: the web process and manage.py commands load the same settings. */
export const settingsModuleRule: Rule<ProjectFacts> = defineRule({
  id: 'codebase.settings-module',
  area: 'codebase',
  severity: 'warning',
  title: 'Every process loads the same settings module',
  docs: devCenter('django-app-configuration'),
  explain: {
    checks: "Whether the web process and manage.py (release phase, heroku run) load the same settings module, and one the project has (manage.py may build the name from a variable: 'config.settings.{}'.format(os.environ.get('DJANGO_ENV'))); and whether it is small enough for implanta to read statically (a generated module of hundreds of KB is not).",
    why: "Migrations and one-off commands would run under different settings from the app.",
    example: "manage.py: proj.settings.dev, wsgi.py: proj.settings.prod",
    fix: "Choose the module with DJANGO_SETTINGS_MODULE as a config var, and default to the same module in manage.py and wsgi.py.",
  },
  messages: {
    'different-modules': "web and manage.py load different settings modules",
    'missing-module': "a process would load a settings module the project does not have (error)",
    'none-named': "manage.py is there but nothing names a settings module and DJANGO_SETTINGS_MODULE is not set (error)",
    'cannot-tell': "the settings module named is not in the project; it may be elsewhere on the module path (info)",
    'too-large': "the settings module, or a module it imports, is more Python than implanta reads statically, so no settings were checked",
    'script-too-large': "manage.py, wsgi.py or asgi.py is more Python than implanta reads, so which settings module it names is not known",
  },
  check(facts: ProjectFacts) {
    if (facts.settingsTooLarge) return [tooLarge(facts.settingsTooLarge)];
    const candidates = facts.candidates.filter((c) => c.source !== '--settings');
    // What an unread script names is not known: "nothing names a module" or "they agree" would be a guess.
    const unread = facts.settingsScriptsUnread ?? [];
    if (unread.length > 0) return unread.map((u) => scriptTooLarge(u, facts.settingsModule));
    if (candidates.length === 0) {
      if (!facts.settingsUnnamed) return { skip: 'nothing names a settings module' };
      return [{
        severity: 'error',
        messageId: 'none-named',
        message: 'nothing names a settings module: manage.py and wsgi.py set no DJANGO_SETTINGS_MODULE default, the Procfile passes none, and the environment has none, so the web process and the release phase stop with ImproperlyConfigured',
        hint: "Set it as a config var (heroku config:set DJANGO_SETTINGS_MODULE=proj.settings), or give a default in manage.py and wsgi.py: os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings'). Pass --env DJANGO_SETTINGS_MODULE=… to check with it.",
        file: facts.managePy ?? 'manage.py',
      }];
    }
    const missing = missingModules(facts, candidates);
    const choice = chooseSettingsModule(candidates);
    if (!choice.disagree) return missing;
    const web = candidates.find((c) => c.source === 'Procfile') ?? candidates.find((c) => c.source === 'wsgi.py' || c.source === 'asgi.py');
    const listed = candidates.map((c) => `${c.module} from ${where(c)}`).join('; ');
    return [
      {
        messageId: 'different-modules', message: `the web process loads ${choice.module} but manage.py commands (the release phase, heroku run) load ${choice.managePyModule}: ${listed}`,
        hint: 'Set DJANGO_SETTINGS_MODULE as a config var (heroku config:set DJANGO_SETTINGS_MODULE=…) so every process agrees, or make the defaults in manage.py and wsgi.py name the same module.',
        ...(web?.file !== undefined && { file: web.file }),
        ...(web?.line !== undefined && { line: web.line }),
      },
      ...missing,
    ];
  },
});

/**
 * Python loads a settings file of any size; implanta stops parsing past a cap (parser.ts) so that a
 * hostile file cannot hang the check. Django's settings checks are then not run at all: a warning,
 * so the default --fail-level stops on it, but not an error, since nothing says the app would fail.
 */
function tooLarge(unread: PythonPastCap): Report {
  return {
    messageId: 'too-large',
    message: `${unread.file}${unread.importedBy ? `, imported by the settings module ${unread.importedBy},` : ''} is ${sizeLabel(unread.bytes)} of Python, more than implanta reads statically (${PARSE_CAP_NODES} syntax nodes): the settings were not read, so Django's deployment checks and the rules that need settings did not run`,
    hint: 'Run `implanta check --settings-source python` to import the settings with the project\'s own Python and Django instead, or move generated data out of the Python (a JSON file the settings load).',
    file: unread.file,
  };
}

function scriptTooLarge(unread: { file: string; why: string }, evaluated: string | undefined): Report {
  return {
    messageId: 'script-too-large',
    message: `${unread.file} could not be read (${unread.why}): which settings module it makes Django load is not known${evaluated ? `; ${evaluated} was checked, as the other places name it` : ', and nothing else names one, so no settings were checked'}`,
    hint: 'Set DJANGO_SETTINGS_MODULE as a config var (heroku config:set DJANGO_SETTINGS_MODULE=…) and pass it with --env, or name the module with --settings MODULE.',
    file: unread.file,
  };
}

/**
 * Each place that names a module the project does not have, once. When its package is in the project
 * (config.settings, but no config/settings/None.py) Python cannot find it: the process fails to start.
 * When not even its top package is, it may come from elsewhere on sys.path: implanta cannot tell.
 */
function missingModules(facts: ProjectFacts, candidates: readonly SettingsCandidate[]): Report[] {
  const reports: Report[] = [];
  const seen = new Set<string>();
  // A config var DJANGO_SETTINGS_MODULE makes the setdefault() defaults moot.
  const configured = candidates.some((c) => c.source === 'environment');
  // So does a web command that sets it itself (`DJANGO_SETTINGS_MODULE=x gunicorn ...`, `--env`) for the
  // defaults in wsgi.py and asgi.py, which only the web server loads.
  const webSets = candidates.some((c) => c.source === 'Procfile' && c.overridesEnvironment);
  for (const c of candidates) {
    if (!c.missing || (configured && c.source !== 'environment' && !c.overridesEnvironment)) continue;
    if (webSets && (c.source === 'wsgi.py' || c.source === 'asgi.py') && !c.overridesEnvironment) continue;
    if (seen.has(`${c.module} ${c.file ?? c.source}`)) continue;
    seen.add(`${c.module} ${c.file ?? c.source}`);
    const parts = c.module.split('.');
    const parent = parts.slice(0, -1).join('/');
    const rel = parts.join('/');
    const inProject = facts.files.some((f) => f.startsWith(`${parts[0]}/`));
    const siblings = parent ? [...new Set(facts.files.filter((f) => f.startsWith(`${parent}/`) && /^[A-Za-z_]\w*(\.py|\/__init__\.py)$/.test(f.slice(parent.length + 1))).map((f) => f.slice(parent.length + 1).replace(/(\.py|\/__init__\.py)$/, '')).filter((m) => m !== '__init__'))].sort() : [];
    const from = c.builtFrom?.length ? ` (built from ${c.builtFrom.map((v) => `${v}${v in facts.env ? '' : ', which is not set'}`).join('; ')})` : '';
    const who = c.source === 'manage.py' ? 'manage.py commands (the release phase, heroku run) would fail to start' : 'the web process would crash at boot';
    const place = { ...(c.file !== undefined && { file: c.file }), ...(c.line !== undefined && { line: c.line }) };
    const choose = siblings.length ? ` The modules there: ${siblings.map((s) => `${parts.slice(0, -1).join('.')}.${s}`).join(', ')}.` : '';
    if (!inProject) {
      reports.push({ severity: 'info', messageId: 'cannot-tell', message: `${where(c)} names ${c.module}${from}, which is not in the project (no ${rel}.py): it may be installed or on a sys.path entry implanta does not follow`, ...place });
      continue;
    }
    reports.push({
      severity: 'error',
      messageId: 'missing-module', message: `${where(c)} names ${c.module}${from}, but the project has no ${rel}.py or ${rel}/__init__.py: ${who} with ModuleNotFoundError`,
      hint: `${c.builtFrom?.length ? `Set ${c.builtFrom.join(' / ')} as a config var, or give DJANGO_SETTINGS_MODULE itself.` : 'Name an existing module, or set DJANGO_SETTINGS_MODULE as a config var.'}${choose}`,
      ...place,
    });
  }
  return reports;
}
