import { fileURLToPath } from 'node:url';
import { benchCheck } from './check.js';
import { benchCheckApp } from './check-app.js';
import { benchDeploy } from './deploy.js';
import { benchLogs } from './logs.js';
import { benchSize, SIZE_BUDGET_MS } from './size.js';

/** `npm run bench [check|check-app|…]`: every speed budget, measured side by side in one run. Build first (`make bench`). */
const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv[2];
const results: Record<string, unknown> = {};
if (!only || only === 'check') results.check = benchCheck(root);
if (!only || only === 'check-app') results.checkApp = await benchCheckApp(root);
if (!only || only === 'deploy') results.deploy = await benchDeploy(root);
if (!only || only === 'logs') results.logs = await benchLogs(root);
if (!only || only === 'size') {
  const { wallMs, recommendation } = await benchSize();
  console.log(`implanta size examples/hollow (defaults): ${(wallMs / 1000).toFixed(1)} s (budget ${SIZE_BUDGET_MS / 1000} s) ${wallMs <= SIZE_BUDGET_MS ? 'OK' : 'OVER BUDGET'}; recommends ${recommendation}`);
  results.size = { wallMs, recommendation };
}
console.log(JSON.stringify(results));
