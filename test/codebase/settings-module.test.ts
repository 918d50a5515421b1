import { settingsModuleRule } from '../../src/codebase/settings-module.js';
import { requiredEnvRule } from '../../src/codebase/required-env.js';
import type { SettingsCandidate } from '../../src/project/types.js';
import { envRead, projectFacts } from '../helpers/project-facts.js';
import { testRule } from '../helpers/rule-tester.js';

const manage: SettingsCandidate = { module: 'proj.settings.dev', source: 'manage.py', file: 'manage.py', line: 9 };
const wsgi: SettingsCandidate = { module: 'proj.settings.prod', source: 'wsgi.py', file: 'proj/wsgi.py', line: 14 };
const web: SettingsCandidate = { ...wsgi, source: 'Procfile' };

testRule(settingsModuleRule, {
  pass: [
    { name: 'all agree', facts: projectFacts({ candidates: [{ ...manage, module: 'proj.settings.prod' }, wsgi, web] }) },
    { name: 'the environment settles it', facts: projectFacts({ candidates: [manage, wsgi, web, { module: 'proj.settings.prod', source: 'environment' }] }) },
    { name: '--settings alone is not a disagreement', facts: projectFacts({ candidates: [manage, { module: 'proj.settings.other', source: '--settings' }] }) },
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
