import type { BuildpackInstallations } from '@heroku-cli/schema';
import { invalid } from './errors.js';
import type { Platform } from './platform.js';

/**
 * The buildpacks set on an app (`heroku buildpacks:set`), kept in the meta table under the app's id. An
 * app without any has none listed, as on Heroku, where the build then detects one; the local build always
 * runs its Python buildpack stand-in, whatever is set.
 */
export class Buildpacks {
  constructor(private readonly p: Platform) {}

  list(appIdentity: string): BuildpackInstallations[] {
    const app = this.p.apps.find(appIdentity);
    const row = this.p.db.prepare('SELECT value FROM meta WHERE key = ?').get(key(app.id)) as { value: string } | undefined;
    const urls = row ? (JSON.parse(row.value) as string[]) : [];
    return urls.map((url, ordinal) => ({ buildpack: { name: nameOf(url), url }, ordinal }));
  }

  /** PUT /apps/{app}/buildpack-installations `{updates: [{buildpack}]}`: replaces the whole list. */
  replace(appIdentity: string, body: { updates?: unknown }): BuildpackInstallations[] {
    const app = this.p.apps.find(appIdentity);
    if (!Array.isArray(body.updates)) throw invalid('updates must be a list of {"buildpack": "heroku/python"}.');
    const urls = body.updates.map((update: unknown) => {
      const buildpack = (update as { buildpack?: unknown } | null)?.buildpack;
      if (typeof buildpack !== 'string' || !buildpack.trim()) throw invalid('Each update needs a buildpack (a name such as heroku/python or a URL).');
      return buildpack.trim();
    });
    if (urls.length === 0) this.forget(app.id);
    else this.p.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key(app.id), JSON.stringify(urls));
    return this.list(app.id);
  }

  forget(appId: string): void {
    this.p.db.prepare('DELETE FROM meta WHERE key = ?').run(key(appId));
  }
}

function key(appId: string): string {
  return `buildpacks:${appId}`;
}

/** `heroku/python` stays a name; a URL's name is its last path segment, as the API answers it. */
function nameOf(url: string): string {
  if (!/^[a-z]+:\/\//.test(url)) return url;
  return url.replace(/\.(git|tgz)$/, '').split('/').filter(Boolean).at(-1) ?? url;
}
