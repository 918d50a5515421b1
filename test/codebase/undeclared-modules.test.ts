import { undeclaredModuleRule } from '../../src/codebase/undeclared-modules.js';
import type { DependencySet } from '../../src/project/types.js';
import { moduleUse, projectFacts, requirementsTxt, type FactsInput } from '../helpers/project-facts.js';
import { testRule } from '../helpers/rule-tester.js';

const FILES = ['manage.py', 'proj/settings.py', 'pages/__init__.py', 'pages/apps.py', 'helpers.py'];
const lock = (lines: string[]): DependencySet => ({ ...requirementsTxt(lines), kind: 'uv.lock', file: 'uv.lock' });

const facts = (input: FactsInput) => projectFacts({ files: FILES, settings: {}, ...input });

testRule(undeclaredModuleRule, {
  pass: [
    {
      name: 'declared under their distribution names',
      facts: facts({
        imports: [moduleUse('environ', 1), moduleUse('dj_database_url', 2), moduleUse('whitenoise.middleware.WhiteNoiseMiddleware', 30, 'setting'), moduleUse('corsheaders', 31, 'setting'), moduleUse('psycopg2', 3)],
        requirements: ['django-environ==0.12.0', 'dj-database-url==2.3.0', 'whitenoise==6.9.0', 'django-cors-headers==4.7.0', 'psycopg2-binary==2.9.10'],
      }),
    },
    {
      name: 'the standard library, Django and the project itself need nothing',
      facts: facts({ imports: [moduleUse('os', 1), moduleUse('pathlib', 2), moduleUse('django.contrib.admin', 20, 'setting'), moduleUse('pages.apps.PagesConfig', 21, 'setting'), moduleUse('helpers', 3)], requirements: [] }),
    },
    { name: 'unknown modules map by convention', facts: facts({ imports: [moduleUse('django_rq', 5, 'setting')], requirements: ['django-rq==3.0'] }) },
    // The shapes met in real projects (test/fixtures/real): modules named unlike their distribution.
    {
      name: 'the generated django-<module> forms and the hand-written exceptions',
      facts: facts({
        imports: ['tailwind', 'bootstrap5', 'cms', 'menus', 'sorl.thumbnail', 'waffle', 'haystack', 'captcha', 'pkg_resources', 'graphql.execution'].map((m, i) => moduleUse(m, i + 1, 'setting')),
        requirements: ['django-tailwind==4.0.1', 'django-bootstrap-v5==1.0.11', 'django-cms==4.1.0', 'sorl-thumbnail==12.10.0', 'django-waffle==4.1.0', 'django-haystack==3.3.0', 'django-recaptcha==3.0.0', 'setuptools==68.0.0', 'graphql-core==2.3.2'],
      }),
    },
    {
      name: 'a declared name that is the module dressed up (django-suit, pillow-avif-plugin, wagtail-font-awesome-svg)',
      facts: facts({
        imports: [moduleUse('suit', 1, 'setting'), moduleUse('pillow_avif', 2), moduleUse('wagtailfontawesomesvg', 3, 'setting'), moduleUse('markdown_deux', 4, 'setting')],
        requirements: ['django-suit==0.2.16', 'pillow-avif-plugin==1.3.1', 'wagtail-font-awesome-svg>=1,<2', 'django-markdown-deux==1.0.5'],
      }),
    },
    {
      name: 'a module a declared package brings (wagtail installs djangorestframework, django-modelcluster, django-taggit)',
      facts: facts({ imports: [moduleUse('rest_framework', 1, 'setting'), moduleUse('modelcluster', 2, 'setting'), moduleUse('taggit', 3, 'setting')], requirements: ['wagtail>=7.4,<7.5'] }),
    },
    {
      // try: import debug_toolbar / except ImportError: return False — the code goes on without it.
      name: 'an optional import (inside try/except ImportError) the requirements leave out',
      facts: facts({ imports: [{ ...moduleUse('debug_toolbar', 27), optional: true }], requirements: lock(['django==5.2.1']) }),
    },
  ],
  fail: [
    {
      name: 'an undeclared import in requirements.txt warns (a dependency may pull it in)',
      facts: facts({ imports: [moduleUse('decouple', 2)], requirements: ['Django==5.2.1'] }),
      reports: [{ messageId: 'undeclared', severity: 'warning', file: 'proj/settings.py', line: 2, mentions: ['decouple (proj/settings.py:2)', 'python-decouple'] }],
    },
    {
      name: 'the same module imported optionally on one line and outright on another is reported where it is required',
      facts: facts({ imports: [{ ...moduleUse('debug_toolbar', 27), optional: true }, moduleUse('debug_toolbar', 74)], requirements: lock(['django==5.2.1']) }),
      reports: [{ messageId: 'undeclared', severity: 'error', line: 74, mentions: ['django-debug-toolbar'] }],
    },
    {
      name: 'undeclared with a lock file is an error, reported once per module',
      facts: facts({ imports: [moduleUse('debug_toolbar', 40, 'setting'), moduleUse('debug_toolbar.middleware.DebugToolbarMiddleware', 50, 'setting')], requirements: lock(['django==5.2.1']) }),
      reports: [{ messageId: 'undeclared', severity: 'error', line: 40, mentions: ['uv.lock', 'django-debug-toolbar'] }],
    },
    {
      name: 'a module nobody can place is "cannot tell", not an error',
      facts: facts({ imports: [moduleUse('acme_widgets', 7, 'setting')], requirements: lock(['django==5.2.1']) }),
      reports: [{ messageId: 'cannot-tell', severity: 'info', line: 7, mentions: ['acme_widgets (proj/settings.py:7)'] }],
    },
    {
      name: 'a well-known module still has to be declared',
      facts: facts({ imports: [moduleUse('requests', 3), moduleUse('tailwind', 4, 'setting')], requirements: lock(['django==5.2.1']) }),
      reports: [
        { messageId: 'undeclared', severity: 'error', line: 3, mentions: ['requests'] },
        { messageId: 'undeclared', severity: 'error', line: 4, mentions: ['django-tailwind'] },
      ],
    },
  ],
  skip: [{ name: 'no dependency file', facts: facts({ imports: [moduleUse('environ', 1)] }), reason: /no dependency file/ }],
});
