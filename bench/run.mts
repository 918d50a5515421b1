import { fileURLToPath } from 'node:url';
import { benchCheck } from './check.js';
import { benchCheckApp } from './check-app.js';
import { benchDeploy } from './deploy.js';
import { benchFuzz } from './fuzz.js';
import { benchLogs, parseSize } from './logs.js';
import { benchSize, SIZE_BUDGET_MS } from './size.js';

/**
 * `npm run bench [check|check-app|deploy|logs|fuzz|size]`: every speed budget, measured side by side in one
 * run. Build first (`make bench`). `npm run bench logs -- --size 1g` summarises a 1 GB log instead of 256 MB.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const sizeAt = args.indexOf('--size');
const logMegabytes = sizeAt >= 0 ? parseSize(args[sizeAt + 1] ?? '') : undefined;
if (sizeAt >= 0) args.splice(sizeAt, 2);
const only = args[0];
const results: Record<string, unknown> = {};
if (!only || only === 'check') results.check = benchCheck(root);
if (!only || only === 'check-app') results.checkApp = await benchCheckApp(root);
if (!only || only === 'deploy') results.deploy = await benchDeploy(root);
if (!only || only === 'logs') results.logs = await benchLogs(root, { ...(logMegabytes !== undefined && { megabytes: logMegabytes }) });
if (!only || only === 'fuzz') {
  // `npm run bench fuzz -- 200` runs the first 200 cases; `-- --case 518 --case 657` runs those cases.
  const ids = args.flatMap((a, i) => (args[i - 1] === '--case' ? [Number(a)] : []));
  const count = !ids.length && args[1] ? Number(args[1]) : undefined;
  results.fuzz = await benchFuzz(root, { ...(count !== undefined && { count }), ...(ids.length && { ids }) });
}
if (!only || only === 'size') {
  const { wallMs, recommendation } = await benchSize();
  console.log(`implanta size examples/hollow (defaults): ${(wallMs / 1000).toFixed(1)} s (budget ${SIZE_BUDGET_MS / 1000} s) ${wallMs <= SIZE_BUDGET_MS ? 'OK' : 'OVER BUDGET'}; recommends ${recommendation}`);
  results.size = { wallMs, recommendation };
}
console.log(JSON.stringify(results));
