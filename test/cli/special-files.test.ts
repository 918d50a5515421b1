/**
 * A repository may be hostile: any file implanta reads may be a FIFO (a plain read waits forever for a
 * writer), a symlink to /dev/zero or /dev/urandom (a read never ends), or a symlink leading out of the
 * project (to a secret). For every file `implanta check` reads, each of these gives either a normal
 * report naming the file in a finding, or one line naming the file with exit 2; never a hang, never the
 * outside file's content. The generous kill timeout is a hang net, not a speed assertion.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { after, test } from 'node:test';
import { implanta, type CliRun } from './helpers/run-cli.js';

const HANG_NET_MS = 90_000;
const scratch = mkdtempSync(join(tmpdir(), 'implanta-special-files-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const OUTSIDE_SECRET = 'outside-secret-7f3a9c';
const outside = join(scratch, 'outside.txt');
writeFileSync(outside, `TOKEN=${OUTSIDE_SECRET}\n${OUTSIDE_SECRET}\n`);

/** examples/hollow with every optional file implanta reads present and ordinary. */
function hollowWithEverything(dir: string): string {
  const root = join(scratch, dir);
  cpSync(resolve(import.meta.dirname, '../../examples/hollow'), root, { recursive: true });
  const extra: Record<string, string> = {
    'requirements.txt': 'Django==5.2.8\ngunicorn==23.0.0\nwhitenoise==6.8.2\ndj-database-url==2.3.0\n-r reqs/extra.txt\n',
    'reqs/extra.txt': 'psycopg2==2.9.10\n',
    'runtime.txt': 'python-3.12.7\n',
    'gunicorn.conf.py': "forwarded_allow_ips = '*'\n",
    'bin/post_compile': '#!/bin/sh\npython manage.py collectstatic --noinput\n',
    '.env': 'DEBUG=1\n',
    'production.env': 'SECRET_KEY=k-committed-9x\n',
    '.implanta/deploys.jsonl': '',
    'release-plan-memory.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  };
  for (const [file, text] of Object.entries(extra)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

type Kind = 'FIFO' | '/dev/zero' | '/dev/urandom' | 'a symlink out of the project';
const KINDS: Record<Kind, (path: string) => void> = {
  FIFO: (path) => execFileSync('mkfifo', [path]),
  '/dev/zero': (path) => symlinkSync('/dev/zero', path),
  '/dev/urandom': (path) => symlinkSync('/dev/urandom', path),
  'a symlink out of the project': (path) => symlinkSync(outside, path),
};

/** Every file of the project that `implanta check` reads, and the format that makes it read it. */
const ENTRY_POINTS: [file: string, format: string][] = [
  ['Procfile', 'json'],
  ['app.json', 'json'],
  ['.python-version', 'json'],
  ['runtime.txt', 'json'],
  ['requirements.txt', 'json'],
  ['reqs/extra.txt', 'json'],
  ['manage.py', 'json'],
  ['hollow/settings.py', 'json'],
  ['hollow/wsgi.py', 'json'],
  ['hollow/asgi.py', 'json'],
  ['gunicorn.conf.py', 'json'],
  ['bin/post_compile', 'json'],
  ['.env', 'json'],
  ['production.env', 'json'],
  ['.implanta/deploys.jsonl', 'html'],
  ['release-plan-memory.svg', 'html'],
];

/** The file's path as a whole word: `.env` is not named by `production.env`. */
function naming(file: string): RegExp {
  return new RegExp(`(^|[\\s"'(])${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}([\\s"':),]|$)`, 'm');
}

function assertHandled(run: CliRun, file: string): void {
  assert.notEqual(run.code, null, `killed by the hang net: ${file} was read as a stream`);
  assert.ok(!(run.stdout + run.stderr).includes(OUTSIDE_SECRET), 'the outside file was never read');
  assert.ok(!/internal error|at .*\.ts:\d+/.test(run.stderr), run.stderr);
  if (run.code === 2) {
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    // Named for what it is: a settings module linked to /dev/urandom was once "not found".
    const escaped = file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    assert.match(run.stderr, new RegExp(`^implanta: ${escaped}: (is a FIFO, not a regular file|leads outside the project \\(a symlink\\)); implanta does not read it$`, 'm'));
  } else {
    assert.ok(run.code === 0 || run.code === 1, `exit ${run.code}: ${run.stderr}`);
    assert.match(run.stdout, naming(file), `the report names ${file}`);
  }
}

for (const [file, format] of ENTRY_POINTS) {
  test(`${file}: a FIFO, /dev/zero, /dev/urandom or a symlink out gives a report or one line naming it`, async () => {
    const runs = await Promise.all(
      (Object.keys(KINDS) as Kind[]).map(async (kind, i) => {
        const root = hollowWithEverything(`${file.replace(/\W/g, '_')}-${i}`);
        rmSync(join(root, file));
        KINDS[kind](join(root, file));
        return [kind, await implanta(['check', root, '--format', format], { timeoutMs: HANG_NET_MS })] as const;
      }),
    );
    for (const [kind, run] of runs) {
      try {
        assertHandled(run, file);
      } catch (error) {
        (error as Error).message = `${file} as ${kind}: ${(error as Error).message}`;
        throw error;
      }
    }
  });
}

/**
 * Files read only in some layouts: a container-stack app's heroku.yml (its Procfile is then not read),
 * and a shell script the web process runs (`web: sh start.sh`).
 */
const LAYOUTS: Array<{ file: string; extra: Record<string, string> }> = [
  { file: 'heroku.yml', extra: { 'heroku.yml': 'build:\n  docker:\n    web: Dockerfile\nrun:\n  web: gunicorn hollow.wsgi\n' } },
  { file: 'start.sh', extra: { Procfile: 'web: sh start.sh\n', 'start.sh': '#!/bin/sh\nexec gunicorn hollow.wsgi\n' } },
];

for (const { file, extra } of LAYOUTS) {
  test(`${file}: a FIFO, /dev/zero, /dev/urandom or a symlink out gives a report or one line naming it`, async () => {
    const runs = await Promise.all(
      (Object.keys(KINDS) as Kind[]).map(async (kind, i) => {
        const root = hollowWithEverything(`layout-${file.replace(/\W/g, '_')}-${i}`);
        for (const [name, text] of Object.entries(extra)) writeFileSync(join(root, name), text);
        rmSync(join(root, file));
        KINDS[kind](join(root, file));
        return [kind, await implanta(['check', root, '--format', 'json'], { timeoutMs: HANG_NET_MS })] as const;
      }),
    );
    for (const [kind, run] of runs) {
      try {
        assert.notEqual(run.code, null, `killed by the hang net: ${file} was read as a stream`);
        assert.ok(!(run.stdout + run.stderr).includes(OUTSIDE_SECRET), 'the outside file was never read');
        assert.equal(run.code, 2, run.stdout + run.stderr);
        assert.match(run.stderr.trim(), new RegExp(`^implanta: ${file.replace('.', '\\.')}: (is a FIFO, not a regular file|leads outside the project \\(a symlink\\)); implanta does not read it$`));
      } catch (error) {
        (error as Error).message = `${file} as ${kind}: ${(error as Error).message}`;
        throw error;
      }
    }
  });
}

test('the untouched project reads every one of those files without complaint', async () => {
  const root = hollowWithEverything('ordinary');
  const run = await implanta(['check', root, '--format', 'json'], { timeoutMs: HANG_NET_MS });
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
});

/** Every regular file under root, relative. */
function allFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** Files whose refusal stops the check with one line (each has its case above); the rest are read past. */
const STOPPERS = new Set(['manage.py', 'hollow/__init__.py', 'hollow/settings.py', 'hollow/wsgi.py', 'hollow/asgi.py', 'Procfile', 'app.json', '.python-version', 'runtime.txt', 'gunicorn.conf.py', 'bin/post_compile', '.env', 'production.env', '.implanta/deploys.jsonl', 'release-plan-memory.svg']);

for (const kind of ['FIFO', '/dev/zero'] as const) {
  test(`a project whose every file is a ${kind} gives one line naming one of them`, async () => {
    const root = hollowWithEverything(`all-${kind.replace(/\W/g, '')}`);
    for (const file of allFiles(root)) {
      rmSync(join(root, file));
      KINDS[kind](join(root, file));
    }
    const run = await implanta(['check', root, '--format', 'html'], { timeoutMs: HANG_NET_MS });
    assert.equal(run.code, 2, `exit ${run.code}: ${run.stderr}`);
    assert.match(run.stderr, /^implanta: \S+: (is a FIFO, not a regular file|leads outside the project \(a symlink\)); implanta does not read it\n$/);
  });

  test(`a whole check runs to its end when every file it reads past is a ${kind}`, async () => {
    const root = hollowWithEverything(`past-${kind.replace(/\W/g, '')}`);
    const replaced = allFiles(root).filter((file) => !STOPPERS.has(file));
    assert.ok(replaced.length > 15, 'the models, views, URLconf, templates, migrations and requirements are among them');
    for (const file of replaced) {
      rmSync(join(root, file));
      KINDS[kind](join(root, file));
    }
    const run = await implanta(['check', root, '--format', 'html'], { timeoutMs: HANG_NET_MS });
    assert.notEqual(run.code, null, 'killed by the hang net');
    if (run.code === 2) {
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.ok(replaced.some((file) => run.stderr.includes(`${file}:`)), run.stderr);
    } else {
      assert.ok(run.code === 0 || run.code === 1, run.stderr);
      assert.match(run.stdout, /requirements\.txt/, 'the report says requirements.txt could not be read');
    }
  });
}
