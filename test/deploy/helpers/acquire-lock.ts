// One would-be deployer: waits for the start signal file, tries the lock once, prints the verdict.
import { existsSync } from 'node:fs';
import { acquireLock } from '../../../src/deploy/lock.js';

const [repo, go] = process.argv.slice(2);
while (!existsSync(go!)) await new Promise((resolve) => setTimeout(resolve, 5));
const result = await acquireLock({ repo: repo!, app: 'demo-app', commit: 'c0ffee', timeoutMinutes: 30 });
console.log(JSON.stringify({ acquired: result.acquired }));
