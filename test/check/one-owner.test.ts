import assert from 'node:assert/strict';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCheck } from '../../src/check/run-check.js';
import { runRules } from '../../src/core/engine.js';
import type { Finding } from '../../src/core/finding.js';
import { planMigrations } from '../../src/migrations/facts.js';
import { readMigration } from '../../src/migrations/read-migration.js';
import { migrationRules } from '../../src/migrations/rules/index.js';

/**
 * One fact, one owner, across every family: each fixture project gets one misconfiguration at a time,
 * and exactly one rule reports something new. A fact reported under two IDs (codebase.* and security.*,
 * codebase.* and versions.*) fails here. The families covered: Django's checks (security.*), the
 * codebase and checklist rules (codebase.*), versions.*, and below, migrations.*; the heroku.* family
 * with a real app is test/cli/check-app.test.ts (each misconfiguration of an app on implanta local
 * fails exactly its point).
 */

const ROOT = resolve(import.meta.dirname, '../..');
const TODAY = new Date('2026-12-01T00:00:00Z');
const scratch = mkdtempSync(join(tmpdir(), 'implanta-one-owner-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

interface Fixture {
  name: string;
  dir: string;
  settings: string;
  env: Record<string, string>;
}

const STRONG = 'k8#Qz1vB7nW3xR5tY9uI2oP4aS6dF8gH0jL-mN_cV.bX,zQ1wE3rT5';
const fixtures: Fixture[] = [
  {
    name: 'examples/hollow',
    dir: 'examples/hollow',
    settings: 'hollow/settings.py',
    env: Object.fromEntries(
      readFileSync(join(ROOT, 'examples/hollow/production.env'), 'utf8')
        .split('\n')
        .filter((l) => /^\w+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    ),
  },
  {
    name: 'python-getting-started',
    dir: 'test/fixtures/django/python-getting-started',
    settings: 'gettingstarted/settings.py',
    env: { SECRET_KEY: STRONG, DATABASE_URL: 'postgres://u:p@db.example.com:5432/app' },
  },
];

interface Misconfiguration {
  name: string;
  /** The one rule that owns the fact. */
  owner: string;
  apply(root: string, fixture: Fixture): void;
  /** Only for fixtures where the misconfiguration is not already there. */
  applies?(fixture: Fixture): boolean;
}

const append = (text: string) => (root: string, f: Fixture) => appendFileSync(join(root, f.settings), `\n${text}\n`);
const settingsSay = (pattern: RegExp) => (f: Fixture) => pattern.test(readFileSync(join(ROOT, f.dir, f.settings), 'utf8'));

/** The manifest declares the variable, as it should: what is wrong is only that this environment lacks it. */
function declareInManifest(root: string, name: string): void {
  const manifest = join(root, 'app.json');
  if (!existsSync(manifest)) return;
  const json = JSON.parse(readFileSync(manifest, 'utf8'));
  json.env = { ...json.env, [name]: { description: name, required: true } };
  writeFileSync(manifest, JSON.stringify(json, null, 2));
}

const misconfigurations: Misconfiguration[] = [
  // Django's own checks (security.*).
  { name: 'DEBUG on', owner: 'security.W018', apply: append('DEBUG = True') },
  { name: 'session cookies over http', owner: 'security.W012', applies: settingsSay(/^SESSION_COOKIE_SECURE = True/m), apply: append('SESSION_COOKIE_SECURE = False') },
  { name: 'a weak literal SECRET_KEY', owner: 'security.W009', apply: (root, f) => appendFileSync(join(root, f.settings), "\nSECRET_KEY = 'django-insecure-short'\n") },
  { name: 'a strong SECRET_KEY written in the code', owner: 'codebase.secrets', apply: (root, f) => appendFileSync(join(root, f.settings), `\nSECRET_KEY = '${STRONG}'\n`) },
  // SECURITY.W009 cannot tell how strong the key is, but that is the unset variable, which the app cannot boot without.
  {
    name: 'SECRET_KEY from a variable that is not set',
    owner: 'codebase.required-env',
    apply: (root, f) => {
      append("SECRET_KEY = os.environ['DJANGO_SECRET_KEY']")(root, f);
      declareInManifest(root, 'DJANGO_SECRET_KEY');
    },
  },
  // What the evaluation cannot know because the variable is unset is that variable, and nothing more.
  { name: 'ALLOWED_HOSTS from a variable that is not set', owner: 'codebase.required-env', apply: (root, f) => { append("ALLOWED_HOSTS = os.environ['SITE_HOSTS'].split(',')")(root, f); declareInManifest(root, 'SITE_HOSTS'); } },
  { name: 'STATIC_ROOT from a variable that is not set', owner: 'codebase.required-env', apply: (root, f) => { append("STATIC_ROOT = os.environ['STATIC_DIR']")(root, f); declareInManifest(root, 'STATIC_DIR'); } },
  // The codebase and checklist rules (codebase.*).
  {
    name: 'the development server as the web process',
    owner: 'codebase.web-server',
    apply: (root) => {
      const file = join(root, 'Procfile');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^web:.*$/m, 'web: python manage.py runserver 0.0.0.0:$PORT'));
    },
  },
  { name: 'a LOGGING handler that writes to a file', owner: 'codebase.log-files', apply: append("LOGGING = {'version': 1, 'handlers': {'file': {'class': 'logging.FileHandler', 'filename': '/tmp/app.log'}}}") },
  { name: 'the console email backend', owner: 'codebase.email', apply: append("EMAIL_BACKEND = 'django.core.mail.backends.console.EmailBackend'") },
  { name: 'sessions in the per-process cache', owner: 'codebase.caches', apply: append("SESSION_ENGINE = 'django.contrib.sessions.backends.cache'") },
  {
    name: 'a required variable that is not set',
    owner: 'codebase.required-env',
    apply: (root, f) => {
      append("SENTRY_DSN = os.environ['SENTRY_DSN']")(root, f);
      declareInManifest(root, 'SENTRY_DSN');
    },
  },
  // The versions rules (versions.*).
  { name: 'a Python past its end of life', owner: 'versions.python-eol', apply: (root) => writeFileSync(join(root, '.python-version'), '3.8\n') },
  {
    // Stack support is versions.stack's, the stack app.json asks for included (codebase.app-json judges the rest of the manifest).
    name: 'app.json asking for a retired stack',
    owner: 'versions.stack',
    applies: (f) => existsSync(join(ROOT, f.dir, 'app.json')),
    apply: (root) => {
      const file = join(root, 'app.json');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/"stack": "[^"]*"/, '"stack": "heroku-20"'));
    },
  },
  {
    name: 'Django pinned as a range',
    owner: 'versions.unpinned',
    applies: (f) => /^Django==/im.test(readFileSync(join(ROOT, f.dir, 'requirements.txt'), 'utf8')),
    apply: (root) => {
      const file = join(root, 'requirements.txt');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^Django==(\d+)\.(\d+)\S*/im, (_, major, minor) => `Django>=${major}.${minor},<${major}.${Number(minor) + 1}`));
    },
  },
  {
    name: 'migrations with no release phase',
    owner: 'codebase.release-migrations',
    applies: (f) => readFileSync(join(ROOT, f.dir, 'Procfile'), 'utf8').includes('release:'),
    apply: (root) => {
      const file = join(root, 'Procfile');
      writeFileSync(file, readFileSync(file, 'utf8').split('\n').filter((l) => !l.startsWith('release:')).join('\n'));
    },
  },
];

async function findings(root: string, env: Record<string, string>): Promise<Finding[]> {
  const { report } = await runCheck({ dir: root, env, hosts: [], settingsSource: 'static', runDjango: false, today: TODAY });
  return report.findings;
}

const key = (f: Finding) => `${f.rule}|${f.message_id}|${f.file ?? ''}|${f.line ?? ''}|${f.severity}`;

describe('one fact, one owner: a misconfiguration is reported by exactly one rule', () => {
  let pairs = 0;
  for (const fixture of fixtures) {
    for (const m of misconfigurations) {
      if (m.applies && !m.applies(fixture)) continue;
      pairs++;
      it(`${fixture.name}: ${m.name} → ${m.owner} alone`, async () => {
        const base = join(scratch, `${fixture.name.replace(/\W+/g, '-')}-base`);
        cpSync(join(ROOT, fixture.dir), base, { recursive: true });
        const before = new Set((await findings(base, fixture.env)).map(key));
        const root = join(scratch, `${fixture.name.replace(/\W+/g, '-')}-${m.name.replace(/\W+/g, '-')}`);
        cpSync(join(ROOT, fixture.dir), root, { recursive: true });
        m.apply(root, fixture);
        const added = (await findings(root, fixture.env)).filter((f) => !before.has(key(f)));
        assert.deepEqual([...new Set(added.map((f) => f.rule))], [m.owner], added.map((f) => `${f.rule}/${f.message_id}: ${f.message}`).join('\n'));
      });
    }
  }
  it('covers at least ten fixture/misconfiguration pairs', () => assert.ok(pairs >= 10, `${pairs} pairs`));
});

/**
 * The migrations family runs in `implanta migrations` and the deploy gate rather than `check`: one
 * risky operation in a new migration is reported by exactly one migrations.* rule.
 */
const INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name='Book',
            fields=[
                ('id', models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=100)),
                ('pages', models.IntegerField(null=True)),
            ],
        ),
    ]
`;

async function migrationFindings(operation: string): Promise<Finding[]> {
  const change = `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [('shop', '0001_initial')]\n    operations = [\n        ${operation}\n    ]\n`;
  const all = await Promise.all([readMigration('shop/migrations/0001_initial.py', INITIAL), readMigration('shop/migrations/0002_change.py', change)]);
  return runRules(migrationRules, planMigrations({ all, applied: new Set(['shop.0001_initial']), edited: new Set(), django: { major: 4, minor: 2 } })).findings;
}

describe('one fact, one owner: a risky migration operation is reported by exactly one migrations.* rule', () => {
  const operations: Array<[string, string]> = [
    ["migrations.RemoveField(model_name='book', name='pages')", 'migrations.remove-field'],
    ["migrations.RenameField(model_name='book', old_name='title', new_name='name')", 'migrations.rename-field'],
    ["migrations.AddField(model_name='book', name='year', field=models.IntegerField(default=2000))", 'migrations.add-not-null'],
    ["migrations.AlterField(model_name='book', name='pages', field=models.IntegerField(default=0))", 'migrations.not-null'],
    ["migrations.DeleteModel(name='Book')", 'migrations.delete-model'],
    ['migrations.RunPython(forwards)', 'migrations.run-python-no-reverse'],
  ];
  for (const [operation, owner] of operations) {
    it(`${operation} → ${owner} alone`, async () => {
      const found = await migrationFindings(operation);
      assert.deepEqual([...new Set(found.map((f) => f.rule))], [owner], found.map((f) => `${f.rule}/${f.message_id}: ${f.message}`).join('\n'));
    });
  }
});
