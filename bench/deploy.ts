import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deploy } from '../src/deploy/deploy.js';
import { checkedDeploy } from '../src/deploy/cli-wiring.js';
import { runProjectTests } from '../src/deploy/test-run.js';
import { HerokuClient } from '../src/heroku/client.js';
import { startLocalPlatform } from '../src/local/server.js';
import { commit, makeRepo, tempDir } from '../test/deploy/helpers/git-repo.js';

const SUPERUSER = 'postgres://implanta:implanta@127.0.0.1:5432/postgres';
const TOKEN = 'bench-token-5d1e';
const APP = 'hollow-bench';

/**
 * Issue 4's proof under load: with preboot on, a steady request loop against the app while a second
 * deploy ships must see zero failed requests; and the deploy's own overhead (gates with the full
 * check, follow, smoke, record) beyond the platform's push-build, release phase and dyno start is reported in seconds.
 */
export async function benchDeploy(root: string): Promise<{ requests: number; failed: number; totalS: number; platformS: number; overheadS: number }> {
  const local = await startLocalPlatform({ port: 0, dataDir: tempDir('implanta-bench-deploy-'), postgresUrl: SUPERUSER, run: { python: '/usr/bin/python3' } });
  try {
    const client = new HerokuClient({ token: TOKEN, baseUrl: local.url });
    await client.post('/apps', { name: APP });
    await client.post(`/apps/${APP}/addons`, { plan: 'heroku-postgresql:standard-0' });
    await client.patch(`/apps/${APP}/config-vars`, { SECRET_KEY: 'bench-secret-key-'.padEnd(60, 'x'), ALLOWED_HOSTS: `127.0.0.1,localhost,${APP}.herokuapp.com`, DEBUG: 'false' });
    await client.patch(`/apps/${APP}/features/preboot`, { enabled: true });
    const repo = makeRepo({ 'README.md': 'hollow\n' });
    cpSync(join(root, 'examples/hollow'), repo, { recursive: true, filter: (src) => !/(__pycache__|production\.env|staticfiles)/.test(src) });
    writeFileSync(join(repo, '.implanta.json'), JSON.stringify({ test_command: 'true' }));
    commit(repo, {}, 'the Hollow site');
    await runProjectTests({ repo });
    const first = await deploy({ repo, app: APP, client, token: TOKEN });
    if (first.outcome !== 'deployed') throw new Error(`first deploy: ${first.message}`);
    const { web_url: webUrl } = await client.get<{ web_url: string }>(`/apps/${APP}`);

    commit(repo, { 'README.md': 'hollow, second release\n' }, 'second release');
    await runProjectTests({ repo });
    let running = true;
    let requests = 0;
    let failed = 0;
    const loop = (async () => {
      while (running) {
        requests++;
        try {
          const res = await fetch(new URL('/health', webUrl));
          if (res.status !== 200) failed++;
          await res.arrayBuffer();
        } catch {
          failed++;
        }
      }
    })();
    // The second deploy goes the way `implanta deploy` does: with the checks gate and the smoke
    // expectations the settings promise (at --fail-level error: this bare app has warnings).
    process.env.HEROKU_API_KEY = TOKEN;
    const started = performance.now();
    const { result: second } = await checkedDeploy({ dir: repo, app: APP, apiUrl: local.url, failLevel: 'error' });
    const totalS = (performance.now() - started) / 1000;
    running = false;
    await loop;
    if (second.outcome !== 'deployed') throw new Error(`second deploy: ${second.message}`);
    const d = second.durations;
    const platformS = (d.push ?? 0) + (d.build ?? 0) + (d.release ?? 0) + (d.serving ?? 0);
    const overheadS = totalS - platformS;
    console.log('deploy under steady traffic with preboot (examples/hollow on implanta local)');
    console.log(`  requests during the deploy: ${requests}, failed: ${failed} ${failed === 0 ? 'OK' : 'FAILED REQUESTS'}`);
    console.log(`  deploy wall time ${totalS.toFixed(1)} s; platform (push with build, release phase, dynos up) ${platformS.toFixed(1)} s; implanta's own ${overheadS.toFixed(1)} s`);
    return { requests, failed, totalS, platformS, overheadS };
  } finally {
    await local.close();
  }
}
