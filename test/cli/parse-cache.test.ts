/**
 * The parse cache as a user meets it, through the built CLI: the second `implanta check` of a project
 * reads its Python from the cache without loading the parser, and reports exactly what the first did;
 * a changed file, a damaged cache entry or IMPLANTA_NO_PARSE_CACHE=1 all mean a fresh parse, never a
 * stale or broken tree. Needs `npm run build` (make test builds first).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'dist', 'main.cjs');
const scratch = mkdtempSync(join(tmpdir(), 'implanta-parse-cache-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const PARSER_LOADED = /python parser loaded/;

function check(project: string, cache: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [bin, 'check', project, '--env-file', join(project, 'production.env'), '--format', 'json'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, XDG_CACHE_HOME: cache, IMPLANTA_TIMING: '1', NODE_OPTIONS: '', IMPLANTA_NO_PARSE_CACHE: '', ...env },
    // A hang net: a cache file that is a FIFO must not be waited on.
    timeout: 60_000,
  });
  assert.ok([0, 1].includes(result.status!), `exit ${result.status}: ${result.stderr}`);
  return { report: JSON.parse(result.stdout) as { findings: Array<{ rule: string; file?: string; line?: number }> }, stderr: result.stderr };
}

function entries(cache: string): string[] {
  const base = join(cache, 'implanta', 'parse-cache');
  if (!existsSync(base)) return [];
  return readdirSync(base).flatMap((folder) => readdirSync(join(base, folder)).map((name) => join(base, folder, name)));
}

function copyOfHollow(name: string): string {
  const project = join(scratch, name);
  cpSync(join(root, 'examples/hollow'), project, { recursive: true, filter: (path) => !path.includes('__pycache__') });
  return project;
}

test('the second check of a project reads its Python from the cache, without the parser, and reports the same', () => {
  const project = copyOfHollow('same');
  const cache = join(scratch, 'cache-same');
  const first = check(project, cache);
  assert.match(first.stderr, PARSER_LOADED, 'nothing was cached yet');
  const kept = entries(cache);
  assert.ok(kept.length >= 3, `cached ${kept.length} trees`);
  assert.equal(statSync(join(kept[0]!, '..')).mode & 0o777, 0o700, 'the folder is the user\'s alone');
  for (const file of kept) assert.equal(statSync(file).mode & 0o777, 0o600, `${file} is the user's alone`);
  const second = check(project, cache);
  assert.doesNotMatch(second.stderr, PARSER_LOADED);
  assert.deepEqual(second.report, first.report);
});

test('a changed settings file is parsed afresh: the report follows the file, not the cache', () => {
  const project = copyOfHollow('changed');
  const cache = join(scratch, 'cache-changed');
  const before = check(project, cache);
  const settings = join(project, 'hollow', 'settings.py');
  writeFileSync(settings, `${readFileSync(settings, 'utf8')}\nDEBUG = True\n`);
  const after = check(project, cache);
  assert.match(after.stderr, PARSER_LOADED);
  assert.ok(!before.report.findings.some((f) => f.rule === 'security.W018'), 'DEBUG was off before');
  assert.ok(after.report.findings.some((f) => f.rule === 'security.W018'), 'DEBUG = True is seen');
});

test('damaged cache entries are parsed afresh and written again; IMPLANTA_NO_PARSE_CACHE=1 keeps nothing', () => {
  const project = copyOfHollow('damaged');
  const cache = join(scratch, 'cache-damaged');
  const first = check(project, cache);
  const kept = entries(cache);
  kept.forEach((file, i) => writeFileSync(file, i % 2 ? 'garbage' : readFileSync(file).subarray(0, 40)));
  const damaged = check(project, cache);
  assert.match(damaged.stderr, PARSER_LOADED);
  assert.deepEqual(damaged.report, first.report);
  assert.doesNotMatch(check(project, cache).stderr, PARSER_LOADED, 'the entries were written again');

  const none = join(scratch, 'cache-none');
  const uncached = check(project, none, { IMPLANTA_NO_PARSE_CACHE: '1' });
  assert.deepEqual(uncached.report, first.report);
  assert.deepEqual(entries(none), []);
  assert.match(check(project, none, { IMPLANTA_NO_PARSE_CACHE: '1' }).stderr, PARSER_LOADED);
});

test('a FIFO or a link to /dev/zero in place of a cache file is passed over: the check runs and writes the file again', () => {
  const project = copyOfHollow('planted');
  const cache = join(scratch, 'cache-planted');
  const first = check(project, cache);
  const codeCache = join(cache, 'implanta', 'code-cache');
  const planted = [...entries(cache), ...readdirSync(codeCache).flatMap((folder) => readdirSync(join(codeCache, folder)).map((name) => join(codeCache, folder, name)))];
  planted.forEach((file, i) => {
    rmSync(file);
    if (i % 2) symlinkSync('/dev/zero', file);
    else execFileSync('mkfifo', [file]);
  });
  const again = check(project, cache);
  assert.deepEqual(again.report, first.report);
  assert.match(again.stderr, /code cache check-\w+\.cjs: none yet, written at exit/);
  assert.match(again.stderr, PARSER_LOADED);
  assert.doesNotMatch(check(project, cache).stderr, PARSER_LOADED, 'the entries were written again');
});
