import type { Finding, MoreLikeThis } from './finding.js';
import { grouped } from './grouped.js';

/**
 * How many findings of one kind (same rule, message ID, severity and file) a report lists before the
 * rest are summed up in one finding. A requirements file with one bad line pasted 20,000 times gave
 * 20,000 findings: nobody reads that, and printing it took seconds. Like golangci-lint's
 * `max-same-issues`, the first ones are kept as examples and one more finding says how many follow.
 */
export const REPEAT_CAP = 20;

/**
 * Keeps the first `cap` findings of each kind, in their order, and puts one summary finding where the
 * first hidden one was: same rule, severity, message ID, file, hint and docs (so `--fail-level`, `SILENCED_SYSTEM_CHECKS`
 * and SARIF rules treat it as the findings it replaces), on the first hidden line, with a `more` field.
 * `describe` says in words what the hidden ones are (the rule's description of the message).
 */
export function capRepeats(findings: Finding[], describe: (f: Finding) => string | undefined, cap = REPEAT_CAP): Finding[] {
  const seen = new Map<string, number>();
  /** Per kind past the cap: its place in `out` (where the first hidden one was) and what it hides. */
  const hiddenByKind = new Map<string, { at: number; hidden: Finding[] }>();
  const out: Finding[] = [];
  for (const f of findings) {
    const kind = `${f.rule}\0${f.message_id ?? f.message}\0${f.severity}\0${f.file ?? ''}`;
    const count = (seen.get(kind) ?? 0) + 1;
    seen.set(kind, count);
    if (count <= cap) {
      out.push(f);
      continue;
    }
    const hidden = hiddenByKind.get(kind);
    if (hidden) hidden.hidden.push(f);
    else hiddenByKind.set(kind, { at: out.push(f) - 1, hidden: [f] });
  }
  for (const { at, hidden } of hiddenByKind.values()) out[at] = summary(hidden, describe(hidden[0]!));
  return out;
}


function summary(hidden: Finding[], description: string | undefined): Finding {
  const first = hidden[0]!;
  const lines = hidden.flatMap((f) => (f.line === undefined ? [] : [f.line]));
  const firstLine = lines.length ? lines.reduce((a, b) => Math.min(a, b)) : undefined;
  const lastLine = lines.length ? lines.reduce((a, b) => Math.max(a, b)) : undefined;
  const where = [first.file && `in ${first.file}`, firstLine !== undefined && (firstLine === lastLine ? `(line ${firstLine})` : `(lines ${firstLine}–${lastLine})`)].filter(Boolean).join(' ');
  const more: MoreLikeThis = { count: hidden.length, ...(firstLine !== undefined && { first_line: firstLine, last_line: lastLine }) };
  const { rule, area, severity, message_id, hint, file, docs } = first;
  return {
    rule,
    area,
    severity,
    ...(message_id !== undefined && { message_id }),
    message: `… and ${grouped(hidden.length)} more like this${where ? ` ${where}` : ''}${description ? `: ${description}` : ''}`,
    ...(hint !== undefined && { hint }),
    ...(file !== undefined && { file }),
    ...(firstLine !== undefined && { line: firstLine }),
    ...(docs !== undefined && { docs }),
    more,
  };
}
