import type { EnvRead } from '../../../src/project/settings/types.js';
import { configRule } from '../../../src/heroku/rules/config.js';
import { appWith } from '../../fixtures/heroku/app-facts.js';
import { testRule } from '../../helpers/rule-tester.js';

function reads(...list: Partial<EnvRead>[]): EnvRead[] {
  return list.map((r, i) => ({ name: 'X', required: false, file: 'hollow/settings.py', line: 10 + i, via: 'os.environ', ...r }));
}

testRule(configRule, {
  pass: [
    { name: 'every variable read is set, or provided by the dyno', facts: appWith((f) => { f.settingsEnvReads = reads({ name: 'DATABASE_URL' }, { name: 'PORT' }, { name: 'WEB_CONCURRENCY' }); }) },
    // codebase.required-env owns a required variable the app lacks; security.W018 owns DEBUG.
    { name: 'a required variable unset is not this rule’s', facts: appWith((f) => { f.settingsEnvReads = reads({ name: 'SENTRY_DSN', required: true }); }) },
    { name: 'DEBUG in the config vars is not this rule’s', facts: appWith((f) => { f.configVars.DEBUG = 'True'; }) },
    { name: 'a name read once with a default and once without counts as required', facts: appWith((f) => { f.settingsEnvReads = reads({ name: 'API_KEY' }, { name: 'API_KEY', required: true }); }) },
    {
      name: 'HEROKU_APP_NAME with runtime-dyno-metadata enabled',
      facts: appWith((f) => { f.settingsEnvReads = reads({ name: 'HEROKU_APP_NAME' }); f.features.push({ name: 'runtime-dyno-metadata', enabled: true }); }),
    },
  ],
  fail: [
    {
      name: 'an optional unset variable is info, once per name, at its first read',
      facts: appWith((f) => { f.settingsEnvReads = reads({ name: 'CACHE_URL' }, { name: 'CACHE_URL', line: 20 }, { name: 'SECRET_KEY', required: true }, { name: 'PORT' }); }),
      reports: [{ messageId: 'optional-unset', severity: 'info', file: 'hollow/settings.py', line: 10 }],
    },
    { name: 'HEROKU_APP_NAME without runtime-dyno-metadata', facts: appWith((f) => { f.settingsEnvReads = reads({ name: 'HEROKU_APP_NAME' }); }), reports: ['optional-unset'] },
  ],
});
