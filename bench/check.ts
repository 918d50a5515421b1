import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDotenvFile } from '../src/project/dotenv.js';
import { fmt, implantaAsRun, measureCommand, median, pairedRatios, quartiles, sideBySideMeasured } from './lib.js';

/** DESIGN.md's budget: at most half of `manage.py check --deploy`; issue 15 aims for 0.4 with margin. */
export const CHECK_BUDGET_RATIO = 0.5;
export const CHECK_TARGET_RATIO = 0.4;

interface NodeLineResult {
  node: string;
  wallMs: number;
  cpuMs: number;
  /** implanta ÷ manage.py: the median over the rounds of each round's ratio, by wall and by CPU time. */
  ratio: number;
  cpuRatio: number;
  /** The middle half of the rounds' CPU ratios: how much room there is under the target. */
  cpuRatioQuartiles: [number, number];
}

/** The Node lines implanta supports (22 and newer, from scripts/node-versions), each as its binary. */
function supportedNodes(root: string): Array<{ line: string; bin: string }> {
  const rows = readFileSync(join(root, 'scripts/node-versions'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.trim().split(/\s+/)[0]!)
    .filter((line) => Number(line) >= 22);
  return rows.map((line) => ({ line, bin: execFileSync(join(root, 'scripts/node.sh'), [line, '--path'], { encoding: 'utf8' }).trim() }));
}

/**
 * `implanta check` (static settings, no app) on examples/hollow against `python3 manage.py check --deploy`
 * on the same project and environment, on every supported Node line, all interleaved round by round.
 * Wall and CPU time both: on this shared machine wall time swings with the neighbours' load, CPU time
 * (user + system, as the kernel counted it) much less.
 */
export function benchCheck(root: string, rounds = 21): { implantaMs: number; djangoMs: number; ratio: number; djangoCpuMs: number; nodes: NodeLineResult[] } {
  const hollow = join(root, 'examples/hollow');
  const envFile = join(hollow, 'production.env');
  const base = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root' };
  const nodes = supportedNodes(root);
  const checkArgs = ['check', hollow, '--env-file', envFile, '--format', 'json'];
  const cli = (bin: string, env: NodeJS.ProcessEnv) => implantaAsRun(root, bin, env);
  const newest = nodes.reduce((a, b) => (Number(b.line) > Number(a.line) ? b : a));
  const results = sideBySideMeasured(rounds, [
    ...nodes.map(({ line, bin }) => ({
      label: `implanta check (Node ${line})`,
      run: () => {
        const { command, env } = cli(bin, base);
        return measureCommand(command, checkArgs, { env }, [0, 1]);
      },
    })),
    // A project's first run, or one whose Python changed: the parser loads and parses (parse-cache.ts).
    {
      label: `  the same, parse cache off (Node ${newest.line})`,
      run: () => {
        const { command, env } = cli(newest.bin, { ...base, IMPLANTA_NO_PARSE_CACHE: '1' });
        return measureCommand(command, checkArgs, { env }, [0, 1]);
      },
    },
    { label: 'python3 manage.py check --deploy', run: () => measureCommand('/usr/bin/python3', ['manage.py', 'check', '--deploy'], { cwd: hollow, env: { ...base, ...readDotenvFile(envFile) } }) },
  ]);
  const django = results.at(-1)!;
  const djangoMs = median(django.wall);
  const djangoCpuMs = median(django.cpu);
  console.log(`check (static, examples/hollow, ${rounds} rounds interleaved): medians, wall and CPU (user + system)`);
  for (const r of results) console.log(`  ${r.label.padEnd(44)} wall ${fmt(median(r.wall)).padStart(7)}   CPU ${fmt(median(r.cpu)).padStart(7)}`);
  const ratiosOf = (r: { wall: number[]; cpu: number[] }) => ({ wall: pairedRatios(r.wall, django.wall), cpu: pairedRatios(r.cpu, django.cpu) });
  const perNode: NodeLineResult[] = nodes.map(({ line }, i) => {
    const wallMs = median(results[i]!.wall);
    const cpuMs = median(results[i]!.cpu);
    const ratios = ratiosOf(results[i]!);
    const ratio = median(ratios.wall);
    const cpuRatio = median(ratios.cpu);
    const cpuRatioQuartiles = quartiles(ratios.cpu);
    const verdict = Math.max(ratio, cpuRatio) <= CHECK_TARGET_RATIO ? 'OK' : Math.max(ratio, cpuRatio) <= CHECK_BUDGET_RATIO ? 'within budget, above target' : 'OVER BUDGET';
    console.log(
      `  ratio on Node ${line}: wall ${ratio.toFixed(2)}, CPU ${cpuRatio.toFixed(2)} (middle half ${cpuRatioQuartiles.map((q) => q.toFixed(2)).join('-')}; budget ≤ ${CHECK_BUDGET_RATIO.toFixed(2)}, target ≤ ${CHECK_TARGET_RATIO.toFixed(2)}) ${verdict}`,
    );
    return { node: line, wallMs, cpuMs, ratio, cpuRatio, cpuRatioQuartiles };
  });
  const uncached = ratiosOf(results[nodes.length]!);
  console.log(`  ratio with the parse cache off (Node ${newest.line}): wall ${median(uncached.wall).toFixed(2)}, CPU ${median(uncached.cpu).toFixed(2)} (a first run, or Python files that changed)`);
  console.log('  (each ratio: the median over the rounds of implanta ÷ manage.py in the same round)');
  return { implantaMs: perNode[0]!.wallMs, djangoMs, ratio: perNode[0]!.ratio, djangoCpuMs, nodes: perNode };
}
