import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commit, sh, tempDir } from '../../deploy/helpers/git-repo.js';

/** Debian's Django 3.2 lives under the system interpreter; the python3 on PATH does not see it. */
export const PYTHON = '/usr/bin/python3';

/**
 * A real Django project in a git repository: `startproject site_cfg`, an app `shop`, and migrations made
 * by Django's own `makemigrations` from the models a test writes. Each step is a commit, so a test can
 * compare any two of them the way `implanta migrations --since` does. With `under` ('backend'), a
 * monorepo: the repository's top is `repo`, and manage.py sits in `root`, the folder `under` it.
 */
export class DjangoProject {
  readonly repo = tempDir('implanta-migrations-');
  readonly root: string;

  constructor(branch = 'main', options: { under?: string } = {}) {
    this.root = options.under ? join(this.repo, options.under) : this.repo;
    mkdirSync(this.root, { recursive: true });
    run(this.root, ['-m', 'django', 'startproject', 'site_cfg', '.']);
    run(this.root, ['manage.py', 'startapp', 'shop']);
    const settings = join(this.root, 'site_cfg/settings.py');
    // DATABASE_URL, when set, points Django at PostgreSQL, as on Heroku (sqlmigrate needs the real backend).
    const databaseUrl = "\nimport os\nimport dj_database_url\nif os.environ.get('DATABASE_URL'):\n    DATABASES = {'default': dj_database_url.parse(os.environ['DATABASE_URL'])}\n";
    writeFileSync(settings, readFileSync(settings, 'utf8').replace("'django.contrib.staticfiles',", "'django.contrib.staticfiles',\n    'shop',") + databaseUrl);
    sh(this.repo, ['init', '--quiet', `--initial-branch=${branch}`]);
    commit(this.repo, {}, 'startproject');
  }

  /** Writes shop/models.py, runs makemigrations (answering `answers` to its questions), commits; returns the commit. */
  models(source: string, options: { name?: string; answers?: string } = {}): string {
    writeFileSync(join(this.root, 'shop/models.py'), `from django.db import models\n\n${source}`);
    const args = ['manage.py', 'makemigrations', 'shop', ...(options.name ? ['--name', options.name] : [])];
    run(this.root, options.answers === undefined ? [...args, '--noinput'] : args, options.answers);
    return commit(this.repo, {}, `models: ${options.name ?? 'auto'}`);
  }

  /** A hand-written migration (RunPython, RunSQL, SeparateDatabaseAndState…) on top of the last one. */
  migration(name: string, body: string, header = ''): string {
    const last = this.migrationNames().at(-1)!;
    const text = `${header}from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n${body.replace('DEPENDENCY', `('shop', '${last}')`)}`;
    writeFileSync(join(this.root, `shop/migrations/${name}.py`), text);
    return commit(this.repo, {}, `migration ${name}`);
  }

  /** Runs a manage.py command (squashmigrations, sqlmigrate…) and commits what it wrote. */
  manage(args: string[], env: NodeJS.ProcessEnv = {}): string {
    run(this.root, ['manage.py', ...args], undefined, env);
    return commit(this.repo, {}, args.join(' '));
  }

  migrationNames(): string[] {
    return readdirSync(join(this.root, 'shop/migrations'))
      .filter((f) => /^\d{4}_.*\.py$/.test(f))
      .map((f) => f.replace(/\.py$/, ''))
      .sort();
  }

  head(): string {
    return sh(this.repo, ['rev-parse', 'HEAD']);
  }
}

function run(cwd: string, args: string[], input?: string, env: NodeJS.ProcessEnv = {}): string {
  return execFileSync(PYTHON, args, { cwd, encoding: 'utf8', input: input ?? '', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
}
