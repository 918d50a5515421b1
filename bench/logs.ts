import { spawnSync } from 'node:child_process';
import { createWriteStream, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, median, sideBySide, timeCommand } from './lib.js';

/**
 * Budget (issue 13): `implanta logs --file F --summary` on a 1 GB log takes at most 4× the wall time of
 * one `awk` pass over the same file that does comparable work (requests by status class, H-codes,
 * R-codes, summed service time), Node's start included. IMPLANTA_BENCH_LOG_MB changes the size.
 */
export const LOGS_BUDGET_RATIO = 4;

const AWK = String.raw`
/ heroku\[router\]: / {
  if (match($0, / status=[0-9]+/)) { requests++; klass[substr($0, RSTART + 8, 1)]++ } else malformed++
  if (match($0, / service=[0-9]+ms/)) service += substr($0, RSTART + 9, RLENGTH - 11)
  if (match($0, / code=H[0-9]+/)) codes[substr($0, RSTART + 6, RLENGTH - 6)]++
  next
}
/ heroku\[[^\]]*\]: Error R[0-9][0-9] / { r++ }
END { print requests, malformed, service, r; for (k in klass) print k "xx", klass[k]; for (c in codes) print c, codes[c] }`;

export async function benchLogs(root: string, rounds = 3): Promise<{ megabytes: number; implantaMs: number; awkMs: number; ratio: number; peakRssMb: number }> {
  const megabytes = Number(process.env.IMPLANTA_BENCH_LOG_MB ?? 1024);
  const file = join(tmpdir(), `implanta-bench-${process.pid}.log`);
  try {
    await generateLog(file, megabytes * 1024 * 1024);
    const size = statSync(file).size;
    const implantaArgs = [join(root, 'dist/main.js'), 'logs', '--file', file, '--summary', '--format', 'json'];
    const [implanta, awk] = sideBySide(rounds, [
      { label: 'implanta logs --summary', run: () => timeCommand(process.execPath, implantaArgs, {}) },
      { label: 'awk', run: () => timeCommand('awk', [AWK, file], {}) },
    ]);
    // Peak memory of one more run, as the kernel counted it: the bounded-memory claim, measured.
    const timed = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...implantaArgs], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const peakRssMb = Number(timed.stderr.trim().split('\n').at(-1)) / 1024;
    const implantaMs = median(implanta!.samples);
    const awkMs = median(awk!.samples);
    const ratio = implantaMs / awkMs;
    console.log(`logs --summary on a generated ${(size / 2 ** 20).toFixed(0)} MB log (${rounds} rounds interleaved)`);
    console.log(`  implanta logs --summary  median ${fmt(implantaMs)}, peak RSS ${Number.isFinite(peakRssMb) ? `${peakRssMb.toFixed(0)} MB` : 'unknown (no /usr/bin/time)'}`);
    console.log(`  awk (one pass)           median ${fmt(awkMs)}`);
    console.log(`  ratio ${ratio.toFixed(2)} (budget ≤ ${LOGS_BUDGET_RATIO}) ${ratio <= LOGS_BUDGET_RATIO ? 'OK' : 'OVER BUDGET'}`);
    return { megabytes: size / 2 ** 20, implantaMs, awkMs, ratio, peakRssMb };
  } finally {
    rmSync(file, { force: true });
  }
}

/** A plausible day of a busy app: router lines (a few errors), app output, now and then a dyno event. */
export async function generateLog(file: string, bytes: number): Promise<void> {
  const out = createWriteStream(file, { highWaterMark: 1 << 22 });
  const paths = Array.from({ length: 300 }, (_, i) => `/${['articles', 'accounts', 'api/v1/items', 'search', 'static/css'][i % 5]}/${i}/`);
  let seed = 42;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  let written = 0;
  let second = Date.UTC(2026, 11, 1) / 1000;
  while (written < bytes) {
    const lines: string[] = [];
    for (let i = 0; i < 5000; i++) {
      if (i % 20 === 0) second++;
      const stamp = `${new Date(second * 1000).toISOString().slice(0, 19)}.${String(rand(1e6)).padStart(6, '0')}+00:00`;
      const kind = rand(100);
      const dyno = `web.${1 + rand(4)}`;
      if (kind < 65) {
        const path = paths[rand(paths.length)]! + (rand(10) === 0 ? `?q=term${rand(1000)}&page=${rand(9)}` : '');
        const error = rand(500);
        const [at, code, status, service] =
          error === 0 ? ['error', 'code=H12 desc="Request timeout" ', 503, 30000 + rand(5)] : error === 1 ? ['error', 'code=H13 desc="Connection closed without response" ', 503, rand(9000)] : ['info', '', [200, 200, 200, 200, 302, 304, 404, 500][rand(8)]!, rand(rand(10) === 0 ? 3000 : 120)];
        lines.push(`${stamp} heroku[router]: at=${at} ${code}method=GET path="${path}" host=hollow.herokuapp.com request_id=${rand(1e9).toString(16)}-4f2a-9c1e-${rand(1e9).toString(16)} fwd="203.0.113.${rand(255)}" dyno=${dyno} connect=${rand(3)}ms service=${service}ms status=${status} bytes=${rand(90000)} protocol=https`);
      } else if (kind < 98) {
        lines.push(`${stamp} app[${dyno}]: 10.1.${rand(255)}.${rand(255)} - - [01/Dec/2026:12:00:00 +0000] "GET ${paths[rand(paths.length)]} HTTP/1.1" 200 ${rand(90000)} "-" "Mozilla/5.0"`);
      } else if (kind === 98) {
        lines.push(`${stamp} heroku[${dyno}]: Error R14 (Memory quota exceeded)`);
      } else {
        lines.push(`${stamp} heroku[${dyno}]: Process running mem=${400 + rand(200)}M(${(80 + rand(40)).toFixed(1)}%)`);
      }
    }
    const chunk = lines.join('\n') + '\n';
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}
