/**
 * The real-project corpus: public Django-on-Heroku repositories nobody here wrote, pinned at a commit,
 * kept with only the files implanta reads (test/fixtures/real/<owner>__<repo>/files), each with the
 * environment its Heroku app would have and a human verdict on every error and warning implanta gave.
 * Shared by test/real/corpus.test.ts (which fails on a regression) and scripts/corpus-precision.ts
 * (which prints the precision and can record new findings for judging).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheck } from '../../src/check/run-check.js';
import { ImplantaError } from '../../src/core/errors.js';
import type { Finding } from '../../src/core/finding.js';

export const CORPUS_DIR = join(import.meta.dirname, '..', 'fixtures', 'real');
/** The day the verdicts were written: end-of-life findings are judged as of this date. */
export const CORPUS_TODAY = new Date('2026-12-03T12:00:00Z');

export interface Verdict {
  rule: string;
  severity: 'error' | 'warning';
  file?: string;
  line?: number;
  /** The message as it was judged, for the reader; matching uses rule, file and line only. */
  message: string;
  verdict: 'right' | 'wrong' | 'unjudged';
  reason: string;
  /** On a wrong verdict: a miss that is known and owned ("i11a: evaluator, def helper"); it may still appear. */
  known?: string;
}

export interface Expected {
  /** The config vars the app would have on Heroku (values invented, shapes real). */
  env: Record<string, string>;
  /** Why this environment: where the project names its config vars. */
  envSource?: string;
  findings: Verdict[];
}

export interface ProjectRun {
  name: string;
  exitCode: 0 | 2 | 3;
  error?: string;
  /** Errors and warnings only: infos say "cannot tell" and are not verdicts. */
  findings: Finding[];
}

export function corpusProjects(): string[] {
  return readdirSync(CORPUS_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(CORPUS_DIR, e.name, 'expected.json')))
    .map((e) => e.name)
    .sort();
}

export function readExpected(name: string): Expected {
  return JSON.parse(readFileSync(join(CORPUS_DIR, name, 'expected.json'), 'utf8')) as Expected;
}

export function findingKey(f: { rule: string; file?: string; line?: number }): string {
  return `${f.rule} ${f.file ?? '-'}:${f.line ?? '-'}`;
}

/**
 * `implanta check` on one project, in process, offline, with an empty PyPI cache (so what a developer's
 * cache holds cannot change the findings) and the corpus date.
 */
export async function runProject(name: string, expected: Expected): Promise<ProjectRun> {
  const cache = mkdtempSync(join(tmpdir(), 'implanta-corpus-'));
  const saved = process.env.XDG_CACHE_HOME;
  process.env.XDG_CACHE_HOME = cache;
  try {
    const check = () =>
      runCheck({
        dir: join(CORPUS_DIR, name, 'files'),
        env: expected.env,
        settingsSource: 'static',
        runDjango: false,
        hosts: [],
        today: CORPUS_TODAY,
      });
    const { report } = await check();
    // Again, with this project's Python now in the parse cache: a cached run must say exactly the same.
    const cached = await check();
    assert.deepEqual(cached.report, report, `${name}: the second run, from the parse cache, reports otherwise`);
    const findings = report.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
    return { name, exitCode: 0, findings };
  } catch (error) {
    if (error instanceof ImplantaError) return { name, exitCode: error.exitCode, error: error.message, findings: [] };
    throw error;
  } finally {
    if (saved === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved;
    rmSync(cache, { recursive: true, force: true });
  }
}

export interface Comparison {
  total: number;
  right: Finding[];
  /** Judged wrong and known (an owned miss): counts against precision, does not fail the test. */
  knownWrong: Array<{ finding: Finding; verdict: Verdict }>;
  /** Judged wrong, not marked known: a fixed miss that came back. */
  regressedWrong: Array<{ finding: Finding; verdict: Verdict }>;
  /** Judged right, no longer reported. */
  lostRight: Verdict[];
  /** Judged wrong, no longer reported: fixed. */
  fixedWrong: Verdict[];
  /** Reported with no verdict yet (recorded as 'unjudged', or not recorded at all). */
  unjudged: Finding[];
  /** Reported and not in expected.json at all: what `--record` adds. */
  unrecorded: Finding[];
  /** The verdict each finding was matched to. */
  verdictOf: Map<Finding, Verdict | undefined>;
}

/**
 * Match findings to verdicts by rule, file and line (a multiset: the same key may occur twice). A verdict
 * whose message is the same is taken first, so two findings of one rule on one line keep their own verdicts;
 * a message that was reworded still finds its verdict by place.
 */
export function compare(expected: Expected, findings: Finding[]): Comparison {
  const pool = new Map<string, Verdict[]>();
  for (const v of expected.findings) {
    const key = findingKey(v);
    pool.set(key, [...(pool.get(key) ?? []), v]);
  }
  const out: Comparison = { total: findings.length, right: [], knownWrong: [], regressedWrong: [], lostRight: [], fixedWrong: [], unjudged: [], unrecorded: [], verdictOf: new Map() };
  const take = (finding: Finding, sameMessage: boolean): Verdict | undefined => {
    const candidates = pool.get(findingKey(finding)) ?? [];
    const index = candidates.findIndex((v) => !sameMessage || v.message === finding.message);
    return index < 0 ? undefined : candidates.splice(index, 1)[0];
  };
  const matched = out.verdictOf;
  for (const finding of findings) matched.set(finding, take(finding, true));
  for (const finding of findings) if (!matched.get(finding)) matched.set(finding, take(finding, false));
  for (const finding of findings) {
    const verdict = matched.get(finding);
    if (!verdict) out.unrecorded.push(finding);
    if (!verdict || verdict.verdict === 'unjudged') out.unjudged.push(finding);
    else if (verdict.verdict === 'right') out.right.push(finding);
    else if (verdict.known) out.knownWrong.push({ finding, verdict });
    else out.regressedWrong.push({ finding, verdict });
  }
  for (const left of pool.values()) {
    for (const v of left) {
      if (v.verdict === 'right') out.lostRight.push(v);
      else if (v.verdict === 'wrong') out.fixedWrong.push(v);
    }
  }
  return out;
}
