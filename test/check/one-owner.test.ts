import assert from 'node:assert/strict';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCheck } from '../../src/check/run-check.js';
import type { Finding } from '../../src/core/finding.js';

/**
 * One fact, one owner, across every family: each fixture project gets one misconfiguration at a time,
 * and exactly one rule reports something new. A fact reported under two IDs (codebase.* and security.*,
 * codebase.* and versions.*) fails here.
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

const misconfigurations: Misconfiguration[] = [
  { name: 'DEBUG on', owner: 'security.W018', apply: (root, f) => appendFileSync(join(root, f.settings), '\nDEBUG = True\n') },
  { name: 'a weak literal SECRET_KEY', owner: 'security.W009', apply: (root, f) => appendFileSync(join(root, f.settings), "\nSECRET_KEY = 'django-insecure-short'\n") },
  { name: 'a strong SECRET_KEY written in the code', owner: 'codebase.secrets', apply: (root, f) => appendFileSync(join(root, f.settings), `\nSECRET_KEY = '${STRONG}'\n`) },
  {
    name: 'a required variable that is not set',
    owner: 'codebase.required-env',
    apply: (root, f) => {
      appendFileSync(join(root, f.settings), "\nSENTRY_DSN = os.environ['SENTRY_DSN']\n");
      // The manifest declares it, as it should: what is wrong is only that this environment lacks it.
      const manifest = join(root, 'app.json');
      if (existsSync(manifest)) {
        const json = JSON.parse(readFileSync(manifest, 'utf8'));
        json.env = { ...json.env, SENTRY_DSN: { description: 'Sentry', required: true } };
        writeFileSync(manifest, JSON.stringify(json, null, 2));
      }
    },
  },
  { name: 'a Python past its end of life', owner: 'versions.python-eol', apply: (root) => writeFileSync(join(root, '.python-version'), '3.8\n') },
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
