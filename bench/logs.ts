import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, implantaAsRun, median, sideBySide } from './lib.js';

/**
 * Budget (issue 13): `implanta logs --file F --summary` takes at most 4× the wall time of one `awk` pass
 * over the same file that does the same work, Node's start included. The default log is 256 MB; the
 * issue's 1 GB case is `npm run bench logs -- --size 1g` (or IMPLANTA_BENCH_LOG_MB=1024).
 */
export const LOGS_BUDGET_RATIO = 4;

/**
 * The comparator does what the summary does, the way one would write it in awk, so the ratio compares
 * like with like: for each router line it finds status, code, service and path (and the dyno on an
 * error) with one match() each; counts requests, malformed lines, status classes, H-codes and errors per
 * dyno; keeps a per-millisecond histogram of service times and per-path count, total and maximum (the
 * path without its query); takes R-codes, crashes and exit statuses from the dyno lines and the first
 * and last timestamp from every line; and at the end walks the histogram for p50, p95 and p99. The
 * bench first checks that both print the same counts and percentiles. (A loop over every field with
 * substr() was tried too: 2.5× slower than this, so it would flatter implanta.)
 */
const AWK = String.raw`
{ if (from == "" || $1 < from) from = $1; if ($1 > to) to = $1 }
$2 == "heroku[router]:" {
  if (!match($0, / status=[0-9][0-9][0-9]( |$)/)) { malformed++; next }
  status = substr($0, RSTART + 8, 3)
  requests++; klass[substr(status, 1, 1) "xx"]++
  code = match($0, / code=[^ ]+/) ? substr($0, RSTART + 6, RLENGTH - 6) : ""
  if (code != "" || status >= 500) {
    dyno = match($0, / dyno=[^ ]+/) ? substr($0, RSTART + 6, RLENGTH - 6) : "none"
    if (code != "") { codes[code]++; perdyno[dyno "/" code]++ }
    if (status >= 500) perdyno[dyno "/5xx"]++
  }
  if (match($0, / service=[0-9]+ms/)) {
    ms = substr($0, RSTART + 9, RLENGTH - 11) + 0; hist[ms]++; if (ms > maxms) maxms = ms; timed++
    path = match($0, / path="[^"?]*/) ? substr($0, RSTART + 7, RLENGTH - 7) : ""
    preq[path]++; ptot[path] += ms; if (ms > pmax[path]) pmax[path] = ms
  }
  next
}
$2 ~ /^heroku\[/ {
  if ($3 == "Error" && $4 ~ /^R[0-9][0-9]$/) { rcodes[$4]++; perdyno[$2 "/" $4]++ }
  else if ($3 == "State" && $NF == "crashed") crashes++
  else if ($3 == "Process" && $4 == "exited") exits[$NF]++
}
END {
  split("0.5 0.95 0.99", qs, " "); seen = 0; j = 1
  for (ms = 0; ms <= maxms && j <= 3; ms++) {
    seen += hist[ms]
    while (j <= 3 && seen >= int(qs[j] * timed + 0.999999)) { p[j] = ms; j++ }
  }
  print "requests", requests, "malformed", malformed, "5xx", klass["5xx"] + 0, "p50", p[1], "p95", p[2], "p99", p[3]
  for (c in codes) print c, codes[c]
  for (c in rcodes) print c, rcodes[c]
  print from, to, crashes + 0
}`;

/** The earlier comparator, counts only (no dyno, path, histogram or window): shown as a lower bound. */
const AWK_COUNTS_ONLY = String.raw`
/ heroku\[router\]: / {
  if (match($0, / status=[0-9]+/)) { requests++; klass[substr($0, RSTART + 8, 1)]++ } else malformed++
  if (match($0, / service=[0-9]+ms/)) service += substr($0, RSTART + 9, RLENGTH - 11)
  if (match($0, / code=H[0-9]+/)) codes[substr($0, RSTART + 6, RLENGTH - 6)]++
  next
}
/ heroku\[[^\]]*\]: Error R[0-9][0-9] / { r++ }
END { print requests, malformed, service, r; for (k in klass) print k "xx", klass[k]; for (c in codes) print c, codes[c] }`;

/** `1g`, `300m`, `512` (MB) → megabytes. */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([mg]b?)?$/i.exec(text.trim());
  if (!match) throw new Error(`--size ${text}: expected megabytes or a size like 300m or 1g`);
  return Number(match[1]) * (match[2]?.toLowerCase().startsWith('g') ? 1024 : 1);
}

export interface LogsBench {
  megabytes: number;
  implantaMs: number;
  awkMs: number;
  ratio: number;
  /** CPU time (user + system): steadier than wall time on a busy machine. */
  implantaCpuMs: number;
  awkCpuMs: number;
  cpuRatio: number;
  countsOnlyMs: number;
  countsOnlyRatio: number;
  peakRssMb: number;
}

export async function benchLogs(root: string, options: { megabytes?: number; rounds?: number } = {}): Promise<LogsBench> {
  const megabytes = options.megabytes ?? Number(process.env.IMPLANTA_BENCH_LOG_MB ?? 256);
  const rounds = options.rounds ?? 3;
  const dir = mkdtempSync(join(tmpdir(), 'implanta-bench-logs-'));
  const file = join(dir, 'generated.log');
  try {
    console.log(`generating a ${megabytes} MB log…`);
    await generateLog(file, megabytes * 1024 * 1024);
    const size = statSync(file).size;
    const implantaArgs = ['logs', '--file', file, '--summary', '--format', 'json'];
    const cli = implantaAsRun(root);
    agree(spawnSync(cli.command, implantaArgs, { encoding: 'utf8', maxBuffer: 1 << 26, env: cli.env }).stdout, spawnSync('awk', [AWK, file], { encoding: 'utf8' }).stdout);
    const implanta = new Runs(cli.command, implantaArgs, cli.env);
    const awk = new Runs('awk', [AWK, file]);
    const countsOnly = new Runs('awk', [AWK_COUNTS_ONLY, file]);
    sideBySide(rounds, [implanta, awk, countsOnly].map((runs, i) => ({ label: String(i), run: () => runs.once() })));
    const implantaMs = median(implanta.wall);
    const awkMs = median(awk.wall);
    const ratio = implantaMs / awkMs;
    const implantaCpuMs = median(implanta.cpu);
    const awkCpuMs = median(awk.cpu);
    const countsOnlyMs = median(countsOnly.wall);
    // The bounded-memory claim, as the kernel counted it: the largest peak RSS of any measured run.
    const peakRssMb = Math.max(...implanta.rssMb);
    const all = (samples: number[]) => samples.map((ms) => fmt(ms)).join(', ');
    console.log(`logs --summary on a generated ${(size / 2 ** 20).toFixed(0)} MB log (${rounds} rounds interleaved, after one warm-up each; same counts and percentiles from both)`);
    console.log(`  implanta logs --summary  wall median ${fmt(implantaMs)} (${all(implanta.wall)}), CPU median ${fmt(implantaCpuMs)}, peak RSS ${peakRssMb.toFixed(0)} MB`);
    console.log(`  awk (same work)          wall median ${fmt(awkMs)} (${all(awk.wall)}), CPU median ${fmt(awkCpuMs)}`);
    console.log(`  ratio ${ratio.toFixed(2)} wall, ${(implantaCpuMs / awkCpuMs).toFixed(2)} CPU (budget ≤ ${LOGS_BUDGET_RATIO}) ${ratio <= LOGS_BUDGET_RATIO ? 'OK' : 'OVER BUDGET'}`);
    console.log(`  (awk counting only statuses, codes and summed service: wall median ${fmt(countsOnlyMs)} (${all(countsOnly.wall)}), CPU median ${fmt(median(countsOnly.cpu))}; implanta is ${(implantaMs / countsOnlyMs).toFixed(2)}× that)`);
    return { megabytes: size / 2 ** 20, implantaMs, awkMs, ratio, implantaCpuMs, awkCpuMs, cpuRatio: implantaCpuMs / awkCpuMs, countsOnlyMs, countsOnlyRatio: implantaMs / countsOnlyMs, peakRssMb };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One contender's runs, each under /usr/bin/time for its CPU time and peak RSS; the wall time is measured here. */
class Runs {
  readonly wall: number[] = [];
  readonly cpu: number[] = [];
  readonly rssMb: number[] = [];
  private warmed = false;

  constructor(
    private readonly command: string,
    private readonly args: string[],
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  once(): number {
    const started = performance.now();
    const run = spawnSync('/usr/bin/time', ['-f', '%U %S %M', this.command, ...this.args], { encoding: 'utf8', maxBuffer: 1 << 26, env: this.env });
    const wall = performance.now() - started;
    if (run.status !== 0) throw new Error(`${this.command} exited ${run.status}: ${run.stderr.slice(-500)}`);
    const [user, system, rssKb] = run.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
    // sideBySide runs each contender once first, to warm the disk cache: that run is not counted.
    if (this.warmed) {
      this.wall.push(wall);
      this.cpu.push((user! + system!) * 1000);
      this.rssMb.push(rssKb! / 1024);
    }
    this.warmed = true;
    return wall;
  }
}

/** The comparator is only fair if it finds what the summary finds: requests, 5xx, codes, percentiles. */
function agree(implantaJson: string, awkOut: string): void {
  const summary = JSON.parse(implantaJson) as { requests: number; malformed: number; status: Record<string, number>; codes: Record<string, number>; dyno_errors: Record<string, number>; service_ms: Record<string, number> };
  const [head = '', ...rest] = awkOut.trim().split('\n');
  const fields = head.split(' ');
  const value = (name: string) => Number(fields[fields.indexOf(name) + 1]);
  const mismatches: string[] = [];
  const same = (what: string, a: number | undefined, b: number | undefined) => a !== b && mismatches.push(`${what}: implanta ${a}, awk ${b}`);
  same('requests', summary.requests, value('requests'));
  same('malformed', summary.malformed, value('malformed') || 0);
  same('5xx', summary.status['5xx'], value('5xx'));
  for (const q of ['p50', 'p95', 'p99']) same(q, summary.service_ms[q], value(q));
  const awkCodes = Object.fromEntries(rest.slice(0, -1).map((line) => line.split(' ')).map(([code, n]) => [code, Number(n)]));
  for (const [code, n] of Object.entries({ ...summary.codes, ...summary.dyno_errors })) same(code, n, awkCodes[code]);
  if (mismatches.length > 0) throw new Error(`the awk comparator and implanta disagree, so the ratio would compare unlike work: ${mismatches.join('; ')}`);
}

/** A plausible day of a busy app: router lines (a few errors), app output, now and then a dyno event. */
export async function generateLog(file: string, bytes: number): Promise<void> {
  const out = createWriteStream(file, { highWaterMark: 1 << 22 });
  const paths = Array.from({ length: 300 }, (_, i) => `/${['articles', 'accounts', 'api/v1/items', 'search', 'static/css'][i % 5]}/${i}/`);
  // xorshift32: an LCG's low bits repeat with a short period, which left whole kinds of line out.
  let seed = 42;
  const rand = (n: number) => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
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
