import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Finding } from '../../../src/core/finding.js';
import { gatherCheckFacts, type CheckFacts } from '../../../src/check/check-facts.js';
import { checklistFactsOf } from '../../../src/check/checklist-facts.js';
import type { CheckOptions } from '../../../src/check/options.js';
import { runCheck } from '../../../src/check/run-check.js';
import type { ChecklistFacts } from '../../../src/codebase/checklist/facts.js';

/** The settings every generated project starts from: a sound production app, so each case changes one thing. */
export const BASE_SETTINGS = `import os
from pathlib import Path
BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["app.example.org"]
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions", "django.contrib.staticfiles", "shop"]
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "django.contrib.sessions.middleware.SessionMiddleware", "django.middleware.common.CommonMiddleware"]
ROOT_URLCONF = "site_app.urls"
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [BASE_DIR / "templates"], "APP_DIRS": True}]
ADMINS = [("Ops", "ops@example.org")]
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
DEFAULT_FROM_EMAIL = "noreply@example.org"
SERVER_EMAIL = "errors@example.org"
`;

export interface ProjectSpec {
  /** Appended to BASE_SETTINGS (later assignments win, as in Python). */
  settings?: string;
  files?: Record<string, string>;
  django?: string;
  procfile?: string;
  requirements?: string[];
  env?: Record<string, string>;
}

const PROD_ENV = { SECRET_KEY: 'k'.repeat(20) + 'Q7v!x9#Lm2@pR5$tW8^zB1&cF4*hJ6(nD3)', EMAIL_HOST: 'smtp.mailprovider.example', DATABASE_URL: 'postgres://u:p4ssw0rd-long@db.example.org:5432/app' };

/** Writes the spec's project into a fresh folder, gives `use` the folder's path and the check's options, and removes it. */
async function withProject<T>(spec: ProjectSpec, use: (opts: CheckOptions) => Promise<T>): Promise<T> {
  const root = mkdtempSync(join(tmpdir(), 'implanta-checklist-'));
  try {
    const files: Record<string, string> = {
      'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_app.settings")\n',
      'site_app/__init__.py': '',
      'site_app/settings.py': BASE_SETTINGS + (spec.settings ?? ''),
      'site_app/urls.py': 'from django.urls import path\nurlpatterns = []\n',
      'site_app/wsgi.py': 'from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n',
      'shop/__init__.py': '',
      'shop/models.py': 'from django.db import models\n\nclass Product(models.Model):\n    name = models.CharField(max_length=100)\n',
      'templates/404.html': '<h1>Not found</h1>\n',
      'templates/500.html': '<h1>Server error</h1>\n',
      Procfile: spec.procfile ?? 'web: gunicorn site_app.wsgi\n',
      'requirements.txt': [`django==${spec.django ?? '5.2'}`, 'gunicorn==23.0.0', ...(spec.requirements ?? [])].join('\n') + '\n',
      ...spec.files,
    };
    for (const [file, content] of Object.entries(files)) {
      if (content === '' && file.endsWith('.html')) continue; // '' removes a default template
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), content);
    }
    return await use({ dir: root, env: { ...PROD_ENV, ...spec.env }, settingsSource: 'static', runDjango: false, hosts: [] });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * The check's facts for the spec's project, gathered by the real gatherers (files, static settings
 * evaluation under the production-like environment above plus `env`, the project's code), as `check` does.
 */
export function projectCheckFacts(spec: ProjectSpec): Promise<CheckFacts> {
  return withProject(spec, async (opts) => (await gatherCheckFacts(opts)).facts);
}

/** What the checklist rules read for the spec's project. */
export async function checklistFacts(spec: ProjectSpec): Promise<ChecklistFacts> {
  return checklistFactsOf(await projectCheckFacts(spec));
}

/** Runs `implanta check` on the spec's project end to end, and returns the findings of the given rules. */
export function checkProject(spec: ProjectSpec, rules: string[]): Promise<Finding[]> {
  return withProject(spec, async (opts) => (await runCheck(opts)).report.findings.filter((f) => rules.includes(f.rule)));
}

/** What a test compares: which rule chose which message, how severe, where. */
export const verdicts = (findings: Finding[]) => findings.map((f) => ({ rule: f.rule, id: f.message_id, severity: f.severity, at: `${f.file}:${f.line ?? ''}` }));
