import { fileURLToPath } from 'node:url';
import { benchCheck } from './check.js';
import { benchCheckApp } from './check-app.js';

/** `npm run bench [check|check-app|…]`: every speed budget, measured side by side in one run. Build first (`make bench`). */
const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv[2];
const results: Record<string, unknown> = {};
if (!only || only === 'check') results.check = benchCheck(root);
if (!only || only === 'check-app') results.checkApp = await benchCheckApp(root);
console.log(JSON.stringify(results));
