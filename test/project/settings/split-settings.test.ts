import assert from 'node:assert/strict';
import { py, runCases } from './harness.js';

// django-split-settings, as TabbycatDebate/tabbycat and the wemake template use it.
const INIT = py(`
  from split_settings.tools import include, optional
  include(
      'components/base.py',
      'components/database.py',
      'environments/*.py',
      optional('local.py'),
      scope=globals(),
  )
`);

runCases('django-split-settings', [
  {
    name: 'include() runs each file in the settings namespace, in order, with its own lines as origins',
    files: {
      'proj/settings/__init__.py': INIT,
      'proj/settings/components/base.py': py(`
        import os
        DEBUG = False
        INSTALLED_APPS = ['django.contrib.admin']
      `),
      'proj/settings/components/database.py': py(`
        import dj_database_url
        DATABASES = {'default': dj_database_url.config(conn_max_age=600)}
        INSTALLED_APPS += ['proj.pages']
      `),
      'proj/settings/environments/b_production.py': 'SECURE_SSL_REDIRECT = not DEBUG\n',
      'proj/settings/environments/a_common.py': 'TIME_ZONE = "UTC"\nSECURE_SSL_REDIRECT = False\n',
    },
    env: { DATABASE_URL: 'postgres://u:p@db.example:5432/app' },
    values: { DEBUG: false, INSTALLED_APPS: ['django.contrib.admin', 'proj.pages'], TIME_ZONE: 'UTC', SECURE_SSL_REDIRECT: true },
    origins: { DEBUG: 'proj/settings/components/base.py:2', INSTALLED_APPS: 'proj/settings/components/database.py:3', SECURE_SSL_REDIRECT: 'proj/settings/environments/b_production.py:1' },
    check: (result) => {
      assert.equal(result.settings.get('DATABASES')?.origin.file, 'proj/settings/components/database.py');
      for (const file of ['proj/settings/components/base.py', 'proj/settings/environments/a_common.py', 'proj/settings/environments/b_production.py']) assert.ok(result.files.includes(file), file);
    },
  },
  {
    name: 'a missing file that is not optional stops the app (OSError); an optional one is passed over',
    files: {
      'proj/settings/__init__.py': "from split_settings.tools import include, optional\nDEBUG = True\ninclude(optional('missing.py'))\nSTAGE = 'after optional'\ntry:\n    include('missing.py')\nexcept OSError:\n    STAGE = 'raised'\n",
    },
    values: { DEBUG: true, STAGE: 'raised' },
  },
]);
