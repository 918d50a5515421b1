/**
 * implanta size on a real Django site: a copy of examples/hollow on Debian's gunicorn and Django,
 * against the machine's PostgreSQL. Steps are short to keep the file quick; the time bounds below
 * are safety nets against a hang, never assertions about speed.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DynoError, runSize, type SizeOptions, type SizeResult } from '../../src/size/index.js';
import { measureRun } from '../../src/size/measure-run.js';
import { withReleasedApp } from '../../src/size/released-app.js';
import { DEFAULT_POSTGRES_URL } from '../../src/size/run-database.js';
import { parseUrlSpecs } from '../../src/size/url-spec.js';
import { readDotenvFile } from '../../src/project/dotenv.js';
import { databaseExists } from '../helpers/postgres.js';
import { formationOf } from '../helpers/size-result.js';

const HOLLOW = fileURLToPath(new URL('../../examples/hollow', import.meta.url));
const PYTHON = '/usr/bin/python3';
const scratch = mkdtempSync(join(tmpdir(), 'implanta-size-real-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Views added to the test copies only: one that holds 150 MB while it answers, one that kills its server. */
const EXTRA_VIEWS = `

import os as _os
import signal as _signal
import time as _time
from django.http import HttpResponse as _HttpResponse

def heavy(request):
    block = b"x" * (150 << 20)
    _time.sleep(0.2)
    return _HttpResponse(str(len(block)))

_served = 0

def crash_later(request):
    global _served
    _served += 1
    if _served > 12:
        _os.kill(_os.getppid(), _signal.SIGKILL)
    return _HttpResponse("still here")
`;
const EXTRA_URLS = `
urlpatterns += [path("heavy", views.heavy), path("crash-later", views.crash_later)]
`;

function hollowCopy(name: string, procfile?: string): string {
  const dir = join(scratch, name);
  cpSync(HOLLOW, dir, { recursive: true });
  appendFileSync(join(dir, 'pages', 'views.py'), EXTRA_VIEWS);
  appendFileSync(join(dir, 'hollow', 'urls.py'), EXTRA_URLS);
  if (procfile) writeFileSync(join(dir, 'Procfile'), procfile);
  return dir;
}

let mark = 0;
/** Options for a quick run; every process of it carries a unique variable, so leftovers can be found. */
function options(dir: string, extra: Partial<SizeOptions> = {}): SizeOptions & { env: Record<string, string> } {
  return {
    dir,
    envFile: join(dir, 'production.env'),
    python: PYTHON,
    stepSeconds: 0.5,
    maxWorkers: 4,
    ...extra,
    env: { SIZE_TEST_MARK: `${process.pid}-${++mark}`, ...extra.env },
  };
}

/** Processes still running with this run's mark in their environment. */
function leftovers(env: Record<string, string>): number[] {
  const wanted = `SIZE_TEST_MARK=${env.SIZE_TEST_MARK}\0`;
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .filter((n) => {
      try {
        return readFileSync(`/proc/${n}/environ`, 'latin1').includes(wanted);
      } catch {
        return false;
      }
    })
    .map(Number);
}

let site: string;
let baseline: SizeResult;

before(async () => {
  site = hollowCopy('hollow');
  baseline = await runSize(options(site));
});

/**
 * Each test's own net against a hang, never a bound on speed: one run of the heavy view took 298 s on a
 * 2-core machine at a load average of 20, and a timeout for the whole describe made the tests after it
 * fail for time the one before them used.
 */
const HANG = { timeout: 900_000 };

describe('implanta size on examples/hollow', () => {
  test('measures each WEB_CONCURRENCY in a fresh process, and memory grows with workers', () => {
    const workers = baseline.measurements.map((m) => m.web_concurrency);
    assert.deepEqual(workers, [1, 2, 4]);
    const processes = baseline.measurements.map((m) => m.processes);
    assert.ok(processes[0]! < processes[1]! && processes[1]! < processes[2]!, `processes ${processes}`);
    const peaks = baseline.measurements.map((m) => m.memory.peak_mb);
    assert.ok(peaks[0]! < peaks[1]! && peaks[1]! < peaks[2]!, `peaks ${peaks}`);
    assert.ok(baseline.fit.per_worker_mb > 0);
    for (const m of baseline.measurements) {
      assert.ok(m.steps.length > 0 && m.steps[0]!.requests > 0);
      assert.deepEqual(m.urls.map((u) => u.status), [200, 200]);
    }
  });

  test("the recommendation's predicted peak stays under 80% of the chosen size", () => {
    const rec = formationOf(baseline.recommendation);
    assert.ok(rec.peak_memory_mb < rec.memory_mb * 0.8, JSON.stringify(rec));
    assert.ok(rec.quantity >= 2);
  });

  test('the copy of the project is used: nothing is written into the project folder', () => {
    assert.deepEqual(readdirSync(site).sort(), readdirSync(HOLLOW).sort());
  });

  test('a view that holds 150 MB per request moves the recommendation to fewer workers or a bigger dyno, and that formation really fits', HANG, async () => {
    const heavyOptions = options(site, { urls: ['/heavy', '/health'], stepSeconds: 1 });
    const heavy = await runSize(heavyOptions);
    const before = formationOf(baseline.recommendation);
    assert.ok(heavy.fit.per_worker_mb > baseline.fit.per_worker_mb + 100, `per worker ${heavy.fit.per_worker_mb} MB`);
    // Whether one 200 ms+ request meets the 500 ms target depends on how busy this machine is; memory
    // does not. So: either a formation meets the targets, or the result says the latency is why and
    // names the formation that would fit. Either way that formation is the one measured below.
    let rec = heavy.recommendation;
    if (!rec.meets_targets) {
      assert.match(rec.reason, /^one request takes about \d+ ms even on performance-[a-z0-9]+'s CPU share, over the 500 ms p95 target$/);
      assert.ok(rec.would_fit, `memory alone fits somewhere: ${rec.next_step}`);
      rec = rec.would_fit;
    }
    assert.ok(rec.web_concurrency < before.web_concurrency || rec.memory_mb > before.memory_mb, JSON.stringify({ before, rec }));

    // Do not trust the model: start the recommended WEB_CONCURRENCY afresh under the same load and measure.
    const evaluation = { ...readDotenvFile(heavyOptions.envFile!), ...heavyOptions.env };
    const run = await withReleasedApp({ root: site, pythonPath: PYTHON, evaluation, postgresUrl: DEFAULT_POSTGRES_URL }, (app) =>
      measureRun({
        dir: app.dir,
        command: heavy.project.web_command,
        env: app.env,
        workers: rec.web_concurrency,
        host: heavy.project.host,
        forwardedProto: 'https',
        paths: parseUrlSpecs(heavyOptions.urls),
        p95Ms: heavy.targets.p95_ms,
        stepSeconds: 1,
        bootTimeoutMs: 60_000,
      }),
    );
    assert.ok(run.memory.peak_mb < rec.memory_mb * 0.8, `measured ${run.memory.peak_mb} MB with ${rec.web_concurrency} workers on ${rec.dyno_size} (${rec.memory_mb} MB)`);
    assert.ok(run.memory.peak_mb > 150 * rec.web_concurrency * 0.5, 'the load did reach the heavy view');
  });

  test('a web command that never binds $PORT fails within the boot timeout with the R10 wording', HANG, async () => {
    const dir = hollowCopy('never-binds', 'web: python -c "import time; time.sleep(300)"\n');
    const opts = options(dir, { bootTimeoutMs: 2_000 });
    await assert.rejects(runSize(opts), (error: unknown) => {
      assert.ok(error instanceof DynoError);
      assert.match(error.message, /Error R10 \(Boot timeout\) -> Web process failed to bind to \$PORT within 2 seconds of launch/);
      return true;
    });
    assert.deepEqual(leftovers(opts.env), []);
  });

  test('a process that crashes under load is reported with its exit, not waited on', HANG, async () => {
    const opts = options(site, { urls: ['/crash-later', '/health'] });
    await assert.rejects(runSize(opts), (error: unknown) => {
      assert.ok(error instanceof DynoError);
      assert.match(error.message, /the web process crashed under load while (warming up|driving \d+ connections?) \(exit status \d+\)/);
      return true;
    });
    assert.deepEqual(leftovers(opts.env), []);
  });

  test('aborting (Ctrl-C) stops every process and drops the database', HANG, async () => {
    const controller = new AbortController();
    let database: string | undefined;
    const opts = options(site, {
      signal: controller.signal,
      onProgress: (event) => {
        if (event.phase !== 'step' || database) return;
        const pid = leftovers(opts.env)[0]!;
        database = new URL(/DATABASE_URL=([^\0]*)/.exec(readFileSync(`/proc/${pid}/environ`, 'latin1'))![1]!).pathname.slice(1);
        controller.abort();
      },
    });
    await assert.rejects(runSize(opts), { name: 'AbortError' });
    assert.ok(database, 'the run reached the load');
    assert.deepEqual(leftovers(opts.env), []);
    assert.equal(databaseExists(database), false);
  });

  test('a Host the app does not allow is reported with what to do', HANG, async () => {
    await assert.rejects(runSize(options(site, { host: 'not-allowed.example', maxWorkers: 2 })), (error: unknown) => {
      assert.ok(error instanceof DynoError);
      assert.match(error.message, /answered 400 Bad Request with Host: not-allowed\.example; .* pass --host/);
      return true;
    });
  });

  test('secrets of the environment never appear in the result', () => {
    const secret = readDotenvFile(join(site, 'production.env')).SECRET_KEY!;
    assert.doesNotMatch(JSON.stringify(baseline), new RegExp(secret));
  });
});
