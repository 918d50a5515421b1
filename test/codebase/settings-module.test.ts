import { settingsModuleRule } from '../../src/codebase/settings-module.js';
import { requiredEnvRule } from '../../src/codebase/required-env.js';
import type { SettingsCandidate } from '../../src/project/types.js';
import { envRead, projectFacts } from '../helpers/project-facts.js';
import { testRule } from '../helpers/rule-tester.js';

const manage: SettingsCandidate = { module: 'proj.settings.dev', source: 'manage.py', file: 'manage.py', line: 9 };
const wsgi: SettingsCandidate = { module: 'proj.settings.prod', source: 'wsgi.py', file: 'proj/wsgi.py', line: 14 };
const web: SettingsCandidate = { ...wsgi, source: 'Procfile' };
const SETTINGS = ['manage.py', 'proj/__init__.py', 'proj/settings/__init__.py', 'proj/settings/dev.py', 'proj/settings/prod.py', 'proj/wsgi.py'];

testRule(settingsModuleRule, {
  pass: [
    { name: 'all agree', facts: projectFacts({ candidates: [{ ...manage, module: 'proj.settings.prod' }, wsgi, web] }) },
    { name: 'the environment settles it', facts: projectFacts({ candidates: [manage, wsgi, web, { module: 'proj.settings.prod', source: 'environment' }] }) },
    { name: '--settings alone is not a disagreement', facts: projectFacts({ candidates: [manage, { module: 'proj.settings.other', source: '--settings' }] }) },
    {
      name: 'a missing default the config var makes moot',
      facts: projectFacts({ files: SETTINGS, candidates: [{ ...manage, module: 'proj.settings.None', missing: true }, { module: 'proj.settings.prod', source: 'environment' }] }),
    },
    // DrBenton/goodauldbooks: `web: DJANGO_SETTINGS_MODULE=project.settings.heroku gunicorn heroku_wsgi`.
    {
      name: 'a missing wsgi.py default the web command makes moot by setting the module itself',
      facts: projectFacts({ files: SETTINGS, candidates: [{ ...manage, module: 'proj.settings.prod' }, { ...wsgi, missing: true, module: 'proj.settings.live' }, { module: 'proj.settings.prod', source: 'Procfile', file: 'Procfile', line: 1, overridesEnvironment: true }] }),
    },
  ],
  fail: [
    {
      name: 'web and manage.py disagree',
      facts: projectFacts({ candidates: [manage, wsgi, web] }),
      reports: [
        {
          messageId: 'different-modules',
          severity: 'warning',
          file: 'proj/wsgi.py',
          line: 14,
          mentions: ['proj.settings.dev from manage.py:9 (default)', 'proj.settings.prod from proj/wsgi.py:14 (default)', 'proj.settings.prod from proj/wsgi.py:14 (web process)'],
        },
      ],
    },
    {
      // 'config.settings.{}'.format(os.environ.get('DJANGO_ENV')) with DJANGO_ENV unset.
      name: 'a name built from an unset variable, in a package the project has',
      facts: projectFacts({ files: SETTINGS, candidates: [{ ...manage, module: 'proj.settings.None', missing: true, builtFrom: ['DJANGO_ENV'] }, { ...web, module: 'proj.settings.None', missing: true, builtFrom: ['DJANGO_ENV'] }] }),
      reports: [
        { messageId: 'missing-module', severity: 'error', file: 'manage.py', line: 9, mentions: ['proj.settings.None', 'DJANGO_ENV, which is not set', 'proj/settings/None.py', 'manage.py commands', 'proj.settings.dev, proj.settings.prod'] },
        { messageId: 'missing-module', severity: 'error', file: 'proj/wsgi.py', line: 14, mentions: ['web process would crash'] },
      ],
    },
    {
      name: 'a missing wsgi.py default when the web command names no module',
      facts: projectFacts({ files: SETTINGS, candidates: [{ ...manage, module: 'proj.settings.live', missing: true }, { ...wsgi, missing: true, module: 'proj.settings.live' }, { ...web, missing: true, module: 'proj.settings.live' }] }),
      reports: [{ messageId: 'missing-module', mentions: ['manage.py commands'] }, { messageId: 'missing-module', file: 'proj/wsgi.py', mentions: ['web process would crash'] }],
    },
    {
      name: 'manage.py with nothing naming a settings module and no config var',
      facts: projectFacts({ files: SETTINGS, managePy: 'manage.py', candidates: [], settingsUnnamed: true }),
      reports: [{ messageId: 'none-named', severity: 'error', file: 'manage.py', mentions: ['DJANGO_SETTINGS_MODULE', 'ImproperlyConfigured'] }],
    },
    {
      name: 'a settings module past the parse cap',
      facts: projectFacts({ files: SETTINGS, candidates: [{ ...manage, module: 'proj.settings.prod' }, wsgi], settingsModule: 'proj.settings.prod', settingsTooLarge: { file: 'proj/settings/prod.py', bytes: 400 * 1024 } }),
      reports: [{ messageId: 'too-large', severity: 'warning', file: 'proj/settings/prod.py', mentions: ['proj/settings/prod.py is 400 KB of Python', 'the settings were not read'] }],
    },
    {
      name: 'a module the settings import, past the parse cap, with the settings module named',
      facts: projectFacts({ files: SETTINGS, candidates: [{ ...manage, module: 'proj.settings' }], settingsModule: 'proj.settings', settingsTooLarge: { file: 'proj/settings/prod.py', bytes: 2_000_000, importedBy: 'proj.settings' } }),
      reports: [{ messageId: 'too-large', severity: 'warning', file: 'proj/settings/prod.py', mentions: ['proj/settings/prod.py, imported by the settings module proj.settings, is 1.9 MB'] }],
    },
    {
      name: 'a manage.py past the parse cap with nothing else naming a module: not "nothing names one"',
      facts: projectFacts({ files: SETTINGS, managePy: 'manage.py', candidates: [], settingsUnnamed: true, settingsScriptsUnread: [{ file: 'manage.py', why: 'it is 300 KB, more Python than implanta reads (over 100,000 syntax nodes)' }] }),
      reports: [{ messageId: 'script-too-large', severity: 'warning', file: 'manage.py', mentions: ['300 KB', 'nothing else names one'] }],
    },
    {
      name: 'a wsgi.py past the parse cap, manage.py naming the module: which one the web process loads is not known',
      facts: projectFacts({ files: SETTINGS, candidates: [manage], settingsModule: 'proj.settings.dev', settingsScriptsUnread: [{ file: 'proj/wsgi.py', why: 'it is 300 KB, more Python than implanta reads (over 100,000 syntax nodes)' }] }),
      reports: [{ messageId: 'script-too-large', severity: 'warning', file: 'proj/wsgi.py', mentions: ['proj.settings.dev was checked'] }],
    },
    {
      name: 'a config var naming a module of no package in the project may come from elsewhere',
      facts: projectFacts({ files: SETTINGS, candidates: [wsgi, { module: 'shared.settings', source: 'environment', missing: true }] }),
      reports: [{ messageId: 'cannot-tell', severity: 'info', mentions: ['shared.settings'] }],
    },
  ],
  skip: [{ name: 'nothing names a module', facts: projectFacts({ candidates: [] }), reason: /nothing names/ }],
});

testRule(requiredEnvRule, {
  pass: [
    { name: 'set', facts: projectFacts({ settings: {}, envReads: [envRead('SECRET_KEY', 3, true)], env: { SECRET_KEY: 'x' } }) },
    { name: 'optional reads may be missing', facts: projectFacts({ settings: {}, envReads: [envRead('DEBUG', 4, false, 'os.getenv')] }) },
    { name: 'an empty value counts as set', facts: projectFacts({ settings: {}, envReads: [envRead('SENTRY_DSN', 3, true)], env: { SENTRY_DSN: '' } }) },
  ],
  fail: [
    {
      name: 'required and missing',
      facts: projectFacts({ settings: {}, envReads: [envRead('SECRET_KEY', 3, true), envRead('DATABASE_URL', 7, true, 'environ.Env')], env: { SECRET_KEY: 'x' } }),
      reports: [{ messageId: 'required-unset', severity: 'error', file: 'proj/settings.py', line: 7, mentions: ["env('DATABASE_URL') (proj/settings.py:7)"] }],
    },
    {
      name: 'os.environ spelled as the user wrote it',
      facts: projectFacts({ settings: {}, envReads: [envRead('SECRET_KEY', 3, true)] }),
      reports: [{ messageId: 'required-unset', mentions: ["os.environ['SECRET_KEY'] (proj/settings.py:3)"] }],
    },
  ],
  skip: [{ name: 'no evaluation', facts: projectFacts({}), reason: /not evaluated/ }],
});
