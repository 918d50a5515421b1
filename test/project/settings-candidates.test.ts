import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chooseSettingsModule, collectSettingsCandidates } from '../../src/project/settings-candidates.js';
import { parseProcfile } from '../../src/project/procfile.js';
import type { SettingsCandidate } from '../../src/project/types.js';

const MANAGE = `#!/usr/bin/env python
import os
import sys

def main():
    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'hollow.settings.dev')
    from django.core.management import execute_from_command_line
    execute_from_command_line(sys.argv)
`;
const WSGI = `import os
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hollow.settings.prod")
application = get_wsgi_application()
`;
const ASGI = `import os\nos.environ["DJANGO_SETTINGS_MODULE"] = 'hollow.settings.asgi'\n`;

function project(files: Record<string, string>): { root: string; files: string[] } {
  const root = mkdtempSync(join(tmpdir(), 'implanta-candidates-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return { root, files: Object.keys(files).sort() };
}

test('candidates: manage.py, wsgi.py, asgi.py, the Procfile web module, the environment and --settings', async () => {
  const modules = Object.fromEntries(['__init__', 'settings/__init__', 'settings/dev', 'settings/asgi', 'settings/prod', 'settings/heroku', 'settings/check'].map((m) => [`hollow/${m}.py`, '']));
  const { root, files } = project({ 'manage.py': MANAGE, 'hollow/wsgi.py': WSGI, 'hollow/asgi.py': ASGI, ...modules });
  const candidates = await collectSettingsCandidates({
    root,
    files,
    procfile: parseProcfile('release: python manage.py migrate\nweb: gunicorn hollow.wsgi\n'),
    env: { DJANGO_SETTINGS_MODULE: 'hollow.settings.heroku' },
    override: 'hollow.settings.check',
  });
  assert.deepEqual(candidates, [
    { module: 'hollow.settings.dev', source: 'manage.py', file: 'manage.py', line: 6 },
    { module: 'hollow.settings.asgi', source: 'asgi.py', file: 'hollow/asgi.py', line: 2, overridesEnvironment: true },
    { module: 'hollow.settings.prod', source: 'wsgi.py', file: 'hollow/wsgi.py', line: 4 },
    { module: 'hollow.settings.prod', source: 'Procfile', file: 'hollow/wsgi.py', line: 4 },
    { module: 'hollow.settings.heroku', source: 'environment' },
    { module: 'hollow.settings.check', source: '--settings' },
  ]);
});

test('candidates: gunicorn --env in the web command is a forced Procfile candidate', async () => {
  const { root, files } = project({ 'manage.py': MANAGE, 'config/wsgi_heroku.py': WSGI });
  const candidates = await collectSettingsCandidates({ root, files, procfile: parseProcfile('web: gunicorn config.wsgi_heroku -e DJANGO_SETTINGS_MODULE=hollow.settings.web'), env: {} });
  assert.deepEqual(
    candidates.map((c) => [c.source, c.module, c.file, c.line, c.overridesEnvironment]),
    [
      ['manage.py', 'hollow.settings.dev', 'manage.py', 6, undefined],
      ['wsgi.py', 'hollow.settings.prod', 'config/wsgi_heroku.py', 4, undefined],
      ['Procfile', 'hollow.settings.web', 'Procfile', 1, true],
    ],
  );
});

test('candidates: files that name no settings module give none', async () => {
  const { root, files } = project({ 'manage.py': 'print("hi")\n', 'p/wsgi.py': 'settings = f"{x}"\n' });
  assert.deepEqual(await collectSettingsCandidates({ root, files, env: {} }), []);
});

const c = (source: SettingsCandidate['source'], module: string, overridesEnvironment?: boolean): SettingsCandidate => ({ source, module, ...(overridesEnvironment && { overridesEnvironment }) });

const choices: Array<[string, SettingsCandidate[], string | undefined, { module?: string; managePyModule?: string; disagree: boolean }]> = [
  ['all agree', [c('manage.py', 'p.settings'), c('wsgi.py', 'p.settings'), c('Procfile', 'p.settings')], undefined, { module: 'p.settings', managePyModule: 'p.settings', disagree: false }],
  ['the environment wins over every default', [c('manage.py', 'p.dev'), c('Procfile', 'p.prod'), c('environment', 'p.heroku')], undefined, { module: 'p.heroku', managePyModule: 'p.heroku', disagree: false }],
  ['defaults disagree without the environment', [c('manage.py', 'p.dev'), c('Procfile', 'p.prod')], undefined, { module: 'p.prod', managePyModule: 'p.dev', disagree: true }],
  ['gunicorn --env beats the environment for web only', [c('manage.py', 'p.dev'), c('Procfile', 'p.web', true), c('environment', 'p.heroku')], undefined, { module: 'p.web', managePyModule: 'p.heroku', disagree: true }],
  ['no Procfile: the wsgi.py default serves', [c('manage.py', 'p.dev'), c('wsgi.py', 'p.prod')], undefined, { module: 'p.prod', managePyModule: 'p.dev', disagree: true }],
  ['only manage.py', [c('manage.py', 'p.settings')], undefined, { module: 'p.settings', managePyModule: 'p.settings', disagree: false }],
  ['--settings chooses what is evaluated, not what runs', [c('manage.py', 'p.dev'), c('wsgi.py', 'p.dev')], 'p.check', { module: 'p.check', managePyModule: 'p.dev', disagree: false }],
  ['nothing', [], undefined, { disagree: false }],
];

for (const [name, candidates, override, expected] of choices) {
  test(`chooseSettingsModule: ${name}`, () => {
    assert.deepEqual(chooseSettingsModule(candidates, override), expected);
  });
}

/** Settings modules that exist, so an evaluated choice can be checked against the tree. */
const SETTINGS_FILES = { 'config/__init__.py': '', 'config/settings/__init__.py': '', 'config/settings/local.py': '', 'config/settings/production.py': '' };

async function managePyChoice(manage: string, env: Record<string, string> = {}): Promise<SettingsCandidate | undefined> {
  const { root, files } = project({ 'manage.py': manage, ...SETTINGS_FILES });
  const candidates = await collectSettingsCandidates({ root, files, env });
  return candidates.find((c) => c.source === 'manage.py');
}

const IF_ELIF = `import os
import sys

if __name__ == '__main__':
    env = os.environ.get('DJANGO_ENV', 'local')
    if env == 'production':
        os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.production')
    elif env == 'local':
        os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.local')
    from django.core.management import execute_from_command_line
    execute_from_command_line(sys.argv)
`;

test('candidates: manage.py choosing with if/elif on a variable with a default is evaluated, not read literally', async () => {
  assert.equal((await managePyChoice(IF_ELIF))?.module, 'config.settings.local');
  assert.equal((await managePyChoice(IF_ELIF, { DJANGO_ENV: 'production' }))?.module, 'config.settings.production');
  // Only a default: a config var still wins.
  assert.equal((await managePyChoice(IF_ELIF))?.overridesEnvironment, undefined);
});

test('candidates: manage.py building the name with format() from the environment', async () => {
  const manage = `import os\n\ndef main():\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.{}'.format(os.environ.get('DJANGO_ENV', 'production')))\n\nif __name__ == '__main__':\n    main()\n`;
  const found = await managePyChoice(manage);
  assert.deepEqual(found, { module: 'config.settings.production', source: 'manage.py', file: 'manage.py', line: 4 });
  assert.equal((await managePyChoice(manage, { DJANGO_ENV: 'local' }))?.module, 'config.settings.local');
});

test('candidates: a computed name that names no module of the project is kept, marked missing, with the variables it was built from', async () => {
  const manage = `import os\nos.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings.{}'.format(os.environ.get('DJANGO_ENV'))\n`;
  assert.deepEqual(await managePyChoice(manage), { module: 'config.settings.None', source: 'manage.py', file: 'manage.py', line: 2, overridesEnvironment: true, missing: true, builtFrom: ['DJANGO_ENV'] });
  const fString = `import os\nENV = os.getenv('APP_ENV', 'staging')\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', f'config.settings.{ENV}')\n`;
  assert.deepEqual(await managePyChoice(fString), { module: 'config.settings.staging', source: 'manage.py', file: 'manage.py', line: 3, missing: true, builtFrom: ['APP_ENV'] });
  assert.equal((await managePyChoice(fString, { APP_ENV: 'local' }))?.missing, undefined);
  const chosen = await managePyChoice(manage, { DJANGO_ENV: 'production' });
  assert.deepEqual(chosen, { module: 'config.settings.production', source: 'manage.py', file: 'manage.py', line: 2, overridesEnvironment: true });
});

test('candidates: the dyno decides a manage.py that branches on DYNO', async () => {
  const manage = `import os\nif 'DYNO' in os.environ:\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.production')\nelse:\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.local')\n`;
  assert.equal((await managePyChoice(manage, { DYNO: 'web.1' }))?.module, 'config.settings.production');
  assert.equal((await managePyChoice(manage))?.module, 'config.settings.local');
});

test('candidates: a literal default, a config var or a gunicorn --env naming no module of the project is marked missing', async () => {
  const { root, files } = project({ 'manage.py': MANAGE, 'hollow/__init__.py': '', 'hollow/settings/__init__.py': '', 'hollow/settings/prod.py': '', 'hollow/wsgi.py': WSGI });
  const candidates = await collectSettingsCandidates({ root, files, procfile: parseProcfile('web: gunicorn hollow.wsgi --env DJANGO_SETTINGS_MODULE=hollow.settings.web'), env: { DJANGO_SETTINGS_MODULE: 'hollow.settings.heroku' } });
  assert.deepEqual(
    candidates.map((c) => [c.source, c.module, c.missing ?? false]),
    [
      ['manage.py', 'hollow.settings.dev', true],
      ['wsgi.py', 'hollow.settings.prod', false],
      ['Procfile', 'hollow.settings.web', true],
      ['environment', 'hollow.settings.heroku', true],
    ],
  );
  // What the web process loads is missing: nothing can be evaluated, and the choice says which candidate.
  assert.equal(chooseSettingsModule(candidates).missing?.source, 'Procfile');
  assert.equal(chooseSettingsModule(candidates, 'hollow.settings.prod').missing, undefined);
});
