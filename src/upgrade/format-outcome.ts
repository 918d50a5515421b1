import type { Counts } from './checks.js';
import type { UpgradeOutcome } from './outcome.js';

/** The text report of an upgrade: what moved, the diff, the proof, and what is left to do. */
export function formatOutcome(outcome: UpgradeOutcome): string {
  const out: string[] = [];
  const move = outcome.from ? `${outcome.from} → ${outcome.to}` : `to ${outcome.to}`;
  if (outcome.status === 'up-to-date') {
    out.push(`${outcome.message}: nothing to upgrade.`);
    return out.join('\n') + '\n';
  }
  out.push(`${outcome.status === 'planned' ? 'Would upgrade' : 'Upgrade'} ${outcome.subject} ${move}${outcome.places.length ? ` (${outcome.places.join(', ')})` : ''}`);
  if (outcome.stack) out.push(`app ${outcome.stack.app}: build stack ${outcome.stack.from ?? '(unknown)'} → ${outcome.stack.to}`);
  if (outcome.diff) out.push('', outcome.diff.trimEnd());
  if (outcome.wouldRun) out.push('', 'Would run:', ...outcome.wouldRun.map((s) => `  - ${s}`));
  if (outcome.tests) {
    out.push('', `Tests:  ${outcome.tests.passed ? 'passed' : `FAILED (exit ${outcome.tests.exitCode ?? 'none'})`}: ${outcome.tests.command}`);
    if (!outcome.tests.passed && outcome.tests.tail) out.push(...outcome.tests.tail.split('\n').map((l) => `  | ${l}`));
  }
  if (outcome.checks) {
    const { before, after, introduced } = outcome.checks;
    out.push(`Checks: ${counts(after)} (before the edit: ${counts(before)}); ${introduced.length ? `${introduced.length} new at warning or above:` : 'nothing new at warning or above'}`);
    out.push(...introduced.map((f) => `  - ${f.severity} ${f.rule}${f.file ? ` ${f.file}${f.line ? `:${f.line}` : ''}` : ''}: ${f.message}`));
  }
  if (outcome.notes.length) out.push('', 'Notes:', ...outcome.notes.map((n) => `  - ${n}`));
  out.push('', verdict(outcome));
  if (outcome.deploy) out.push(`Deploy: ${outcome.deploy.outcome}: ${outcome.deploy.message}`);
  return out.join('\n') + '\n';
}

function verdict(outcome: UpgradeOutcome): string {
  switch (outcome.status) {
    case 'planned':
      return 'Dry run: nothing was changed.';
    case 'failed':
      return 'Result: the upgrade does not hold; the files are restored as they were.';
    case 'kept':
      return 'Result: the upgrade does not hold; the edit is kept (--keep) for you to fix.';
    default:
      if (outcome.commit) return `Result: upgraded and committed as ${outcome.commit.sha.slice(0, 12)} "${outcome.commit.message}".`;
      if (outcome.stack) return 'Result: build stack changed.';
      return `Result: upgraded; not committed: review, then \`${outcome.commitCommand}\` (or run again with --commit).`;
  }
}

function counts(c: Counts): string {
  return `${c.error} error${c.error === 1 ? '' : 's'}, ${c.warning} warning${c.warning === 1 ? '' : 's'}, ${c.info} info`;
}
