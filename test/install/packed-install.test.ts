import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';

/**
 * What a user gets from `npm install -g implanta`, on every Node line implanta is tested on
 * (scripts/node-versions, fetched by scripts/node.sh): the tarball `npm pack` makes from the current
 * source, installed into an empty prefix with npm's defaults (npm 11: no install scripts), then
 * `implanta check` on the example and `implanta local` started, used once and stopped. On a Node
 * without node:sqlite (20), `check` still runs and `local` refuses in one line (docs/node.md).
 */
const ROOT = join(import.meta.dirname, '..', '..');
const HOLLOW = join(ROOT, 'examples', 'hollow');
const run = promisify(execFile);

const lines = readFileSync(join(ROOT, 'scripts', 'node-versions'), 'utf8')
  .split('\n')
  .filter((row) => row.trim() && !row.startsWith('#'))
  .map((row) => {
    const [line, version] = row.trim().split(/\s+/) as [string, string];
    return { line, version };
  });

const hasNodeSqlite = (version: string): boolean => {
  const [major, minor] = version.split('.').map(Number) as [number, number];
  return major > 22 || (major === 22 && minor >= 13);
};

/** The environment of a user's shell: this line's node first on PATH, and none of the npm_* settings `npm test` hands down. */
function userEnv(nodeBin: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return { ...env, PATH: `${dirname(nodeBin)}:${process.env.PATH ?? ''}`, NO_COLOR: '1' };
}

describe('the packed tarball, installed with npm on each Node line', { timeout: 900_000 }, () => {
  let work: string;
  let tarball: string;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'implanta-install-'));
    // Built from the current source in a copy, so the test never packs a stale dist/ or touches the worktree's.
    const pkg = join(work, 'package');
    for (const entry of ['package.json', 'README.md', 'src', 'data', 'python', 'scripts/build.mjs']) cpSync(join(ROOT, entry), join(pkg, entry), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'));
    await run('npm', ['run', '--silent', 'build'], { cwd: pkg });
    const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', work], { cwd: pkg });
    tarball = join(work, stdout.trim().split('\n').pop()!);
    assert.ok(existsSync(tarball), `npm pack wrote ${tarball}`);
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  for (const { line, version } of lines) {
    it(`Node ${version}: installs with npm's defaults, checks the example, ${hasNodeSqlite(version) ? 'runs implanta local' : 'and implanta local says which Node it needs'}`, async () => {
      const nodeBin = execFileSync(join(ROOT, 'scripts', 'node.sh'), [line, '--path'], { encoding: 'utf8' }).trim();
      // A cache folder of this run's own, so the code cache below is this install's.
      const env = { ...userEnv(nodeBin), XDG_CACHE_HOME: join(work, `cache-${version}`) };
      assert.equal(execFileSync('node', ['--version'], { env, encoding: 'utf8' }).trim(), `v${version}`);

      const prefix = join(work, `prefix-${version}`);
      await run('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', tarball], { env, cwd: work });
      const implanta = join(prefix, 'bin', 'implanta');
      assert.ok(existsSync(implanta), 'npm linked the implanta command');

      // check: exit 1, the example's settings read statically (tree-sitter from the installed package),
      // and the finding a developer's shell without SECRET_KEY gets. Nothing on stderr: no warnings, no trace.
      const check = await runCommand(implanta, ['check', HOLLOW, '--format', 'json'], env, work);
      assert.equal(check.code, 1, check.stderr);
      assert.equal(check.stderr, '');
      const report = JSON.parse(check.stdout) as { tool: string; project: { settings_module: string; settings_source: string }; findings: { rule: string }[] };
      assert.equal(report.tool, 'implanta');
      assert.deepEqual([report.project.settings_module, report.project.settings_source], ['hollow.settings', 'static']);
      assert.ok(report.findings.some((finding) => finding.rule === 'codebase.required-env'), 'reports the unset SECRET_KEY');

      // The second run starts from the code cache the first one wrote (src/cli/command-modules.bundled.ts),
      // in the user's cache folder, whatever the install layout, and reads the Python from the parse
      // cache without loading the parser; and says the same. It writes the code cache again without the
      // parser's code, which the third run uses.
      const again = await runCommand(implanta, ['check', HOLLOW, '--format', 'json'], { ...env, IMPLANTA_TIMING: '1' }, work);
      assert.equal(again.code, 1, again.stderr);
      assert.match(again.stderr, /^\[code cache check-\w+\.cjs: used \(made with the parser\)\]$/m);
      assert.doesNotMatch(again.stderr, /python parser loaded/);
      assert.equal(again.stdout, check.stdout);
      const third = await runCommand(implanta, ['check', HOLLOW, '--format', 'json'], { ...env, IMPLANTA_TIMING: '1' }, work);
      assert.match(third.stderr, /^\[code cache check-\w+\.cjs: used\]$/m);
      assert.equal(third.stdout, check.stdout);

      const data = join(work, `platform-${version}`);
      if (!hasNodeSqlite(version)) {
        const refused = await runCommand(implanta, ['local', '--port', '0', '--data', data], env, work);
        assert.equal(refused.code, 2);
        assert.match(refused.stderr, new RegExp(`^implanta: implanta local needs Node 22\\.13 or newer .*this is Node ${version.replace(/\./g, '\\.')}: install Node 24 LTS or 22 LTS\\n$`));
        assert.equal(refused.stdout, '');
        assert.ok(!existsSync(data), 'nothing created before refusing');
        return;
      }
      await useLocal(implanta, data, env, work);
      assert.ok(existsSync(join(data, 'platform.sqlite')), 'its state is in SQLite under --data');
    });
  }
});

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCommand(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<Ran> {
  return new Promise((done) => {
    execFile(command, args, { env, cwd, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      done({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

/** Starts `implanta local`, creates an app through its API and reads it back, then stops it with Ctrl-C (SIGINT). */
async function useLocal(implanta: string, data: string, env: NodeJS.ProcessEnv, cwd: string): Promise<void> {
  const child = spawn(implanta, ['local', '--port', '0', '--data', data], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  try {
    const url = await new Promise<string>((found, failed) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /Platform API at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (match) found(match[1]!);
      });
      void exited.then((code) => failed(new Error(`implanta local exited (${code}) before it was ready: ${stderr}`)));
    });
    const headers = { Accept: 'application/vnd.heroku+json; version=3', Authorization: 'Bearer packed-install', 'Content-Type': 'application/json' };
    const created = await fetch(`${url}/apps`, { method: 'POST', headers, body: JSON.stringify({ name: 'packed-install' }) });
    assert.equal(created.status, 201, await created.clone().text());
    const read = await fetch(`${url}/apps/packed-install`, { headers });
    assert.equal(read.status, 200);
    assert.equal(((await read.json()) as { name: string }).name, 'packed-install');
  } finally {
    child.kill('SIGINT');
  }
  assert.equal(await exited, 0, stderr);
  assert.equal(stderr, '', 'no warnings (Node 22 would print an ExperimentalWarning for node:sqlite)');
}
