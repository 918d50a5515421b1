import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { startLocalPlatform } from '../src/local/server.js';
import { HerokuClient } from '../src/heroku/client.js';
import { fmt, implantaAsRun, median } from './lib.js';

const LATENCY_MS = 50;

/** Wall time of one CLI run, asynchronously, so the in-process platform keeps answering meanwhile. */
function timeCli(root: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const cli = implantaAsRun(root, process.execPath, env);
    const t0 = performance.now();
    const child = spawn(cli.command, args, { env: cli.env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => (code === 0 || code === 1 ? resolve(performance.now() - t0) : reject(new Error(`exit ${code}: ${stderr}`))));
  });
}

/**
 * Budget (issue 3): `implanta check --app` against `implanta local --latency 50ms` gathers the API facts
 * in one concurrent round: its wall time stays under three request latencies plus the static check.
 */
export async function benchCheckApp(root: string, rounds = 10): Promise<{ staticMs: number; appMs: number; extraMs: number; budgetMs: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'implanta-bench-'));
  const platform = await startLocalPlatform({ port: 0, dataDir, latencyMs: LATENCY_MS });
  try {
    const client = new HerokuClient({ token: 'bench', baseUrl: platform.url });
    await client.post('/apps', { name: 'hollow', stack: 'heroku-24' });
    await client.patch('/apps/hollow/config-vars', { SECRET_KEY: 'bench-secret-key-that-is-long-enough-and-random-0123456789abcdef', DEBUG: 'false', ALLOWED_HOSTS: 'hollow.herokuapp.com' });
    await client.post('/apps/hollow/addons', { plan: 'papertrail:choklad' });
    await client.patch('/apps/hollow/features/preboot', { enabled: true });
    const hollow = join(root, 'examples/hollow');
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, HEROKU_API_KEY: 'bench', IMPLANTA_API_URL: platform.url };
    const staticRun = () => timeCli(root, ['check', hollow, '--format', 'json'], env);
    const appRun = () => timeCli(root, ['check', hollow, '--app', 'hollow', '--format', 'json'], env);
    await staticRun();
    await appRun();
    const s: number[] = [];
    const a: number[] = [];
    for (let i = 0; i < rounds; i++) {
      s.push(await staticRun());
      a.push(await appRun());
    }
    const staticMs = median(s);
    const appMs = median(a);
    const extraMs = appMs - staticMs;
    const budgetMs = 3 * LATENCY_MS;
    console.log(`check --app against implanta local --latency ${LATENCY_MS}ms (${rounds} rounds interleaved)`);
    console.log(`  static check        median ${fmt(staticMs)}`);
    console.log(`  check --app hollow  median ${fmt(appMs)}`);
    console.log(`  added by the app    ${fmt(extraMs)} (budget < ${budgetMs} ms: three request latencies) ${extraMs < budgetMs ? 'OK' : 'OVER BUDGET'}`);
    return { staticMs, appMs, extraMs, budgetMs };
  } finally {
    await platform.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
