import type { Rule } from '../core/rule.js';
import { defineRule } from '../core/define-rule.js';
import { chooseSettingsModule } from '../project/settings-candidates.js';
import type { ProjectFacts, SettingsCandidate } from '../project/types.js';
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
    checks: "Whether the web process and manage.py (release phase, heroku run) load the same settings module.",
    why: "Migrations and one-off commands would run under different settings from the app.",
    example: "manage.py: proj.settings.dev, wsgi.py: proj.settings.prod",
    fix: "Choose the module with DJANGO_SETTINGS_MODULE as a config var, and default to the same module in manage.py and wsgi.py.",
  },
  messages: { 'different-modules': "web and manage.py load different settings modules" },
  check(facts: ProjectFacts) {
    const candidates = facts.candidates.filter((c) => c.source !== '--settings');
    if (candidates.length === 0) return { skip: 'nothing names a settings module' };
    const choice = chooseSettingsModule(candidates);
    if (!choice.disagree) return [];
    const web = candidates.find((c) => c.source === 'Procfile') ?? candidates.find((c) => c.source === 'wsgi.py' || c.source === 'asgi.py');
    const listed = candidates.map((c) => `${c.module} from ${where(c)}`).join('; ');
    return [
      {
        messageId: 'different-modules', message: `the web process loads ${choice.module} but manage.py commands (the release phase, heroku run) load ${choice.managePyModule}: ${listed}`,
        hint: 'Set DJANGO_SETTINGS_MODULE as a config var (heroku config:set DJANGO_SETTINGS_MODULE=…) so every process agrees, or make the defaults in manage.py and wsgi.py name the same module.',
        ...(web?.file !== undefined && { file: web.file }),
        ...(web?.line !== undefined && { line: web.line }),
      },
    ];
  },
});
