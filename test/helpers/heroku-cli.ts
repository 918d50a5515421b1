import { execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

/** The Heroku CLI release the end-to-end test drives: pinned, so a new CLI is a deliberate change. */
export const HEROKU_CLI_VERSION = '11.10.0';
/** The Node line the CLI is run with: the oldest it supports, and the one most of its users have. */
const CLI_NODE_LINE = '20';

const run = promisify(execFile);
const REPO = join(import.meta.dirname, '../..');

/**
 * Installs the official CLI (npm package `heroku`) into the user's cache, outside node_modules, the first
 * time a test asks for it: it is large and implanta itself does not depend on it. Installed next to its
 * final folder and renamed into place, so a second run never sees half an install.
 */
export async function herokuCliEntry(): Promise<string> {
  const cache = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'implanta', `heroku-cli-${HEROKU_CLI_VERSION}`);
  const entry = join(cache, 'node_modules', 'heroku', 'bin', 'run.js');
  if (existsSync(entry)) return entry;
  mkdirSync(dirname(cache), { recursive: true });
  const work = mkdtempSync(`${cache}.install-`);
  try {
    await run('npm', ['install', '--prefix', work, '--no-audit', '--no-fund', '--loglevel=error', `heroku@${HEROKU_CLI_VERSION}`], { maxBuffer: 1 << 24 });
    rmSync(cache, { recursive: true, force: true });
    renameSync(work, cache);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return entry;
}

/** The pinned Node 20 (scripts/node.sh fetches it into the cache the first time). */
export async function cliNode(): Promise<string> {
  return (await run(join(REPO, 'scripts/node.sh'), [CLI_NODE_LINE, '--path'])).stdout.trim();
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface HerokuCli {
  /** `heroku ARGS…` in `cwd`, with `input` on its standard input. */
  (args: string[], options?: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv }): Promise<CliResult>;
  env: NodeJS.ProcessEnv;
  home: string;
}

/**
 * The CLI pointed at a local platform, as docs/local.md tells a user to: its own HOME (it writes a git
 * credential helper into ~/.gitconfig), HEROKU_HOST and HEROKU_PARTICLEBOARD_URL at the platform, a token,
 * nothing that calls home, and the platform's certificate trusted by the CLI and by git. A `heroku`
 * on PATH runs it, for the credential helper git calls.
 */
export async function herokuCli(t: { after(fn: () => unknown): void }, platform: { url: string; certificatePath?: string }, token: string): Promise<HerokuCli> {
  const [entry, node] = await Promise.all([herokuCliEntry(), cliNode()]);
  const home = mkdtempSync(join(tmpdir(), 'implanta-heroku-home-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  const bin = join(home, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'heroku'), `#!/bin/sh\nexec "${node}" "${entry}" "$@"\n`);
  chmodSync(join(bin, 'heroku'), 0o755);
  const env: NodeJS.ProcessEnv = {
    PATH: `${bin}:${process.env.PATH}`,
    HOME: home,
    LANG: 'C.UTF-8',
    HEROKU_HOST: platform.url,
    HEROKU_PARTICLEBOARD_URL: platform.url,
    HEROKU_API_KEY: token,
    HEROKU_DISABLE_AUTOUPDATE: '1',
    HEROKU_SKIP_NEW_VERSION_CHECK: '1',
    DISABLE_TELEMETRY: 'true',
    // The Data API behind pg:* is not served: point it at a closed port, not at the internet.
    HEROKU_DATA_HOST: '127.0.0.1:9',
    NO_COLOR: '1',
    GIT_TERMINAL_PROMPT: '0',
    ...(platform.certificatePath && { NODE_EXTRA_CA_CERTS: platform.certificatePath, GIT_SSL_CAINFO: platform.certificatePath }),
  };
  const cli = ((args, options = {}) =>
    new Promise<CliResult>((resolve) => {
      const child = spawn(node, [entry, ...args], { cwd: options.cwd ?? home, env: { ...env, ...options.env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdin.end(options.input ?? '');
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    })) as HerokuCli;
  cli.env = env;
  cli.home = home;
  return cli;
}
