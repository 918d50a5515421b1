type Op = { kind: ' ' | '-' | '+'; line: string };

/**
 * A unified diff (as `git diff` prints it, three lines of context) of one file's text before and after;
 * `before` null for a file the upgrade creates. Files here are small, so a plain LCS over the lines that
 * differ (after cutting the common start and end) is enough.
 */
export function unifiedDiff(file: string, before: string | null, after: string, context = 3): string {
  const a = splitLines(before ?? '');
  const b = splitLines(after);
  const ops = diffLines(a, b);
  if (!ops.some((op) => op.kind !== ' ')) return '';
  const header = `--- ${before === null ? '/dev/null' : `a/${file}`}\n+++ b/${file}\n`;
  return header + hunks(ops, context).join('');
}

function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function diffLines(a: string[], b: string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const midA = a.slice(start, a.length - end);
  const midB = b.slice(start, b.length - end);
  const same = (lines: string[]) => lines.map((line): Op => ({ kind: ' ', line }));
  return [...same(a.slice(0, start)), ...lcsOps(midA, midB), ...same(a.slice(a.length - end))];
}

function lcsOps(a: string[], b: string[]): Op[] {
  // lengths[i][j]: LCS of a[i..] and b[j..]
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i]![j] = a[i] === b[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i++]! });
      j++;
    } else if (j < b.length && (i === a.length || lengths[i]![j + 1]! >= lengths[i + 1]![j]!)) {
      ops.push({ kind: '+', line: b[j++]! });
    } else {
      ops.push({ kind: '-', line: a[i++]! });
    }
  }
  // git shows a changed line as its removal, then its addition.
  return reorderChanges(ops);
}

/** Within each run of changes, removals first. */
function reorderChanges(ops: Op[]): Op[] {
  const out: Op[] = [];
  let run: Op[] = [];
  const flush = () => {
    out.push(...run.filter((o) => o.kind === '-'), ...run.filter((o) => o.kind === '+'));
    run = [];
  };
  for (const op of ops) {
    if (op.kind === ' ') {
      flush();
      out.push(op);
    } else run.push(op);
  }
  flush();
  return out;
}

function hunks(ops: Op[], context: number): string[] {
  const changed = ops.flatMap((op, index) => (op.kind === ' ' ? [] : [index]));
  const groups: [number, number][] = [];
  for (const index of changed) {
    const last = groups.at(-1);
    if (last && index - last[1] <= 2 * context) last[1] = index;
    else groups.push([index, index]);
  }
  return groups.map(([first, last]) => {
    const from = Math.max(0, first - context);
    const to = Math.min(ops.length - 1, last + context);
    const oldStart = ops.slice(0, from).filter((o) => o.kind !== '+').length;
    const newStart = ops.slice(0, from).filter((o) => o.kind !== '-').length;
    const slice = ops.slice(from, to + 1);
    const oldLen = slice.filter((o) => o.kind !== '+').length;
    const newLen = slice.filter((o) => o.kind !== '-').length;
    const body = slice.map((op) => printLine(op)).join('');
    return `@@ -${range(oldStart, oldLen)} +${range(newStart, newLen)} @@\n${body}`;
  });
}

/** A range's first line is 1-based; an empty range names the line before it, as diff does. */
function range(start: number, length: number): string {
  const first = length === 0 ? start : start + 1;
  return length === 1 ? `${first}` : `${first},${length}`;
}

function printLine(op: Op): string {
  const text = op.line.endsWith('\n') ? op.line.slice(0, -1).replace(/\r$/, '') : op.line.replace(/\r$/, '');
  return `${op.kind}${text}\n${op.line.endsWith('\n') ? '' : '\\ No newline at end of file\n'}`;
}
