/**
 * `implanta size` with its defaults on examples/hollow: the wall time of a whole run (release steps, four
 * WEB_CONCURRENCY runs, the recommendation). Budget: under 90 s. Run alone with
 * `node --import tsx bench/size.ts`, or call benchSize() from the bench runner.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runSize } from '../src/size/index.js';

const HOLLOW = fileURLToPath(new URL('../examples/hollow', import.meta.url));
export const SIZE_BUDGET_MS = 90_000;

export async function benchSize(): Promise<{ wallMs: number; recommendation: string }> {
  const started = performance.now();
  const result = await runSize({
    dir: HOLLOW,
    envFile: `${HOLLOW}/production.env`,
    // Debian's interpreter has Django and gunicorn; the python3 first on PATH may not.
    python: process.env.IMPLANTA_PYTHON ?? '/usr/bin/python3',
  });
  const rec = result.recommendation;
  return {
    wallMs: performance.now() - started,
    recommendation: rec.meets_targets ? `${rec.quantity} × ${rec.dyno_size}, WEB_CONCURRENCY=${rec.web_concurrency}` : `none (${rec.reason})`,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { wallMs, recommendation } = await benchSize();
  const verdict = wallMs <= SIZE_BUDGET_MS ? 'within' : 'OVER';
  console.log(`implanta size examples/hollow: ${(wallMs / 1000).toFixed(1)} s (${verdict} the ${SIZE_BUDGET_MS / 1000} s budget); recommends ${recommendation}`);
  if (wallMs > SIZE_BUDGET_MS) process.exitCode = 1;
}
