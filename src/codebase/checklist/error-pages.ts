import { relative } from 'node:path';
import { defineRule } from '../../core/define-rule.js';
import { PyDict, PyPath, toJson, truthy, Unknown, type PyValue } from '../../project/python-value.js';
import { cannotTell } from '../support.js';
import { dictGet, placeOfSetting, setting, tupleOrList, type ChecklistFacts } from './facts.js';

/**
 * The template folders Django searches, relative to the project root: every backend's DIRS, and with
 * APP_DIRS the templates/ folder of each installed app that lives in the project. Unknown when
 * TEMPLATES itself cannot be known.
 */
export function templateDirs(facts: ChecklistFacts): string[] | Unknown | undefined {
  const templates = setting(facts, 'TEMPLATES');
  if (!templates) return legacyTemplateDirs(facts);
  if (templates.value instanceof Unknown) return templates.value;
  const dirs: string[] = [];
  for (const backend of tupleOrList(templates.value)) {
    if (!(backend instanceof PyDict)) continue;
    const named = folders(facts, backend.get('DIRS'));
    if (named instanceof Unknown) return named;
    // A loop, not push(...named): a settings list can hold a million items, past what a call's arguments take.
    for (const dir of named) dirs.push(dir);
    if (searchesApps(backend)) {
      const apps = projectAppFolders(facts);
      if (apps instanceof Unknown) return apps;
      for (const app of apps) dirs.push(`${app}/templates`);
    }
  }
  return clean(dirs);
}

/** APP_DIRS, or an app_directories loader in OPTIONS['loaders'] (often inside the cached loader). */
function searchesApps(backend: PyDict): boolean {
  if (truthy(backend.get('APP_DIRS') ?? false) === true) return true;
  const loaders = dictGet(backend, 'OPTIONS', 'loaders');
  return loaders !== undefined && /app_directories/.test(JSON.stringify(toJson(loaders)));
}

/**
 * Before Django 1.8 (and until 1.10) TEMPLATE_DIRS named the folders, and the default loaders also
 * searched each app's templates/. With neither TEMPLATES nor an old Django, the settings configure no
 * template engine as far as the evaluation sees (a class-based settings layout, say): nothing to judge.
 */
function legacyTemplateDirs(facts: ChecklistFacts): string[] | Unknown | undefined {
  const legacy = setting(facts, 'TEMPLATE_DIRS');
  const old = facts.django.major < 1 || (facts.django.major === 1 && facts.django.minor < 10);
  if (!legacy && !old) return undefined;
  const named = folders(facts, legacy?.value);
  if (named instanceof Unknown) return named;
  const apps = projectAppFolders(facts);
  if (apps instanceof Unknown) return apps;
  return clean([...named, ...apps.map((f) => `${f}/templates`)]);
}

/** The folders a DIRS value names; Unknown when one of them cannot be known (a path library the evaluator does not model). */
function folders(facts: ChecklistFacts, value: PyValue | undefined): string[] | Unknown {
  if (value instanceof Unknown) return value;
  const paths: string[] = [];
  for (const dir of tupleOrList(value)) {
    if (dir instanceof Unknown) return dir;
    const path = dir instanceof PyPath ? dir.path : typeof dir === 'string' ? dir : undefined;
    if (path === undefined) return new Unknown(`a template folder in DIRS is a ${typeof dir === 'object' && dir !== null ? dir.constructor.name : typeof dir}, not a path`);
    paths.push(path.startsWith('/') ? relative(facts.root, path) : path);
  }
  return paths;
}

function clean(dirs: string[]): string[] {
  return [...new Set(dirs.map((d) => d.replace(/\/+$/, '')).filter((d) => !d.startsWith('..')))];
}

/** `pages`, `shop.apps.ShopConfig` → the folders of INSTALLED_APPS entries that are part of the project. */
function projectAppFolders(facts: ChecklistFacts): string[] | Unknown {
  const apps = setting(facts, 'INSTALLED_APPS')?.value;
  if (apps instanceof Unknown) return apps;
  const items = tupleOrList(apps);
  const unknown = items.find((a): a is Unknown => a instanceof Unknown);
  if (unknown) return unknown;
  const folders: string[] = [];
  for (const app of items.filter((a): a is string => typeof a === 'string')) {
    const parts = app.split('.');
    for (let n = parts.length; n > 0; n--) {
      const folder = parts.slice(0, n).join('/');
      if (facts.files.some((f) => f.startsWith(folder + '/'))) {
        folders.push(folder);
        break;
      }
    }
  }
  return folders;
}

/** codebase.error-pages: visitors of a 404 or a 500 see the site's own page. */
export const errorPagesRule = defineRule<ChecklistFacts>({
  id: 'codebase.error-pages',
  area: 'codebase',
  severity: 'warning',
  title: "The site has its own 404 and 500 pages",
  docs: 'https://docs.djangoproject.com/en/stable/ref/views/#error-views',
  explain: {
    checks: "404.html and 500.html in a template folder the settings name (TEMPLATES' DIRS, and each project app's templates/ with APP_DIRS), or handler404/handler500 in the root URLconf.",
    why: "With DEBUG off, Django answers a missing page or a crash with its bare built-in page: unstyled, without the site's navigation or a way back. This is Django's page for errors inside the app; Heroku's own error page (ERROR_PAGE_URL) covers only the router's errors.",
    example: 'templates/ holds base.html and home.html but no 404.html or 500.html',
    fix: "Add templates/404.html and templates/500.html. Keep 500.html self-contained: it is rendered without a request context, so it should not depend on context processors.",
  },
  messages: {
    missing: 'neither a 404.html/500.html template nor a custom handler exists for one of them',
    'cannot-tell': 'TEMPLATES cannot be determined',
  },
  reads: ['project-code'],
  check(facts) {
    const dirs = templateDirs(facts);
    const templates = setting(facts, 'TEMPLATES');
    if (dirs === undefined) return { skip: 'the settings configure no template engine that the evaluation could see (neither TEMPLATES nor TEMPLATE_DIRS)' };
    if (dirs instanceof Unknown) return [cannotTell('where templates live', dirs, templates?.binding)];
    const has = (page: string) => dirs.some((d) => facts.files.includes(d ? `${d}/${page}` : page));
    const missing = (['404', '500'] as const).filter((code) => !has(`${code}.html`) && !facts.code.errorHandlers[`handler${code}`]);
    if (missing.length === 0) return [];
    const pages = missing.map((c) => `${c}.html`).join(' and ');
    const searched = dirs.length > 0 ? ` (searched ${dirs.slice(0, 4).join(', ')}${dirs.length > 4 ? ', …' : ''})` : ' (TEMPLATES names no template folder)';
    return [
      {
        messageId: 'missing',
        message: `no ${pages} template${searched} and no custom handler${missing.length > 1 ? 's' : ''}: visitors get Django's bare built-in error page${missing.length > 1 ? 's' : ''}`,
        hint: `Add ${missing.map((c) => `templates/${c}.html`).join(' and ')} to a template folder${missing.includes('500') ? '; keep 500.html self-contained (no context processors run for it)' : ''}.`,
        ...placeOfSetting(facts, templates?.binding),
      },
    ];
  },
});

