import type { Gate } from '../deploy/gates.js';
import type { SmokeReport } from '../deploy/smoke.js';
import type { Progress, Step } from '../deploy/steps.js';

const MARKS: Record<Step['status'], string> = { start: '→', ok: '✓', fail: '✗', skip: '-' };

/**
 * Progress callbacks that print each step as it starts and ends (with how long it took) and the raw
 * output in between, indented under its step. Strings arrive already redacted.
 */
export function printSteps(write: (text: string) => void): Required<Progress> {
  const started = new Map<string, number>();
  return {
    onStep: (step) => {
      if (step.status === 'start') started.set(step.name, performance.now());
      const since = started.get(step.name);
      const took = step.status !== 'start' && since !== undefined ? ` (${seconds(performance.now() - since)})` : '';
      write(`${MARKS[step.status]} ${step.name}${step.detail ? `: ${step.detail}` : ''}${took}\n`);
    },
    onOutput: (line) => write(`    ${line}\n`),
  };
}

/** Every gate's verdict, and for each that failed, the command that fixes it. */
export function gateLines(gates: Gate[]): string {
  return gates.map((g) => `  ${g.ok ? '✓' : '✗'} ${g.name}: ${g.reason}${!g.ok && g.fix ? `\n      fix: ${g.fix}` : ''}\n`).join('');
}

/** One line per requested path, then one per failed check of it. */
export function smokeLines(report: SmokeReport, indent = '  '): string {
  return report.results
    .map((r) => {
      const head = `${indent}${r.ok ? '✓' : '✗'} ${r.target}${r.status !== undefined ? ` ${r.status}` : ''}${r.ms !== undefined ? ` in ${r.ms} ms` : ''}`;
      const checks = r.checks.filter((c) => !c.ok || c.name === 'header' || c.name === 'https-redirect').map((c) => `${indent}    ${c.ok ? 'ok' : 'FAILED'} ${c.name}: ${c.detail}`);
      return [head, ...checks].join('\n') + '\n';
    })
    .join('');
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
