import { delimiter, dirname, join } from 'node:path';

/**
 * Where things live in a slug, as on Heroku where the app is `/app` and Python in `/app/.heroku/python`:
 * here the slug is its own folder under the data dir and `.heroku/python` is a virtualenv of the
 * interpreter `implanta local --python` names.
 */
export function venvDir(slugDir: string): string {
  return join(slugDir, '.heroku', 'python');
}

export function venvPython(slugDir: string): string {
  return join(venvDir(slugDir), 'bin', 'python');
}

/**
 * The PATH of build steps and dynos: the slug's virtualenv first (so `python` is the slug's), then the
 * interpreter's own bin folder (where its `gunicorn` is, since nothing can be pip-installed here), then
 * the platform's PATH.
 */
export function slugPath(slugDir: string, python: string): string {
  return [join(venvDir(slugDir), 'bin'), dirname(python), process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin'].join(delimiter);
}
