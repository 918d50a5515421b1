import { pySplitLines } from '../project/requirements/lines.js';

/** Where a physical line sits in a text: its content's start and end, terminator excluded. */
export interface LineSpan {
  start: number;
  end: number;
}

/**
 * Spans of the physical lines as the requirements reader numbers them (Python's `splitlines`), so a
 * Requirement's `line` finds its text; whatever ends each line is left where it is.
 */
export function physicalLineSpans(text: string): LineSpan[] {
  const spans: LineSpan[] = [];
  let start = 0;
  for (const line of pySplitLines(text)) {
    const end = start + line.length;
    spans.push({ start, end });
    start = end + (text.startsWith('\r\n', end) ? 2 : 1);
  }
  return spans;
}

/** Replaces the content of physical line `line` (1-based), keeping every other byte of the text. */
export function replaceLine(text: string, line: number, content: string): string {
  const span = physicalLineSpans(text)[line - 1];
  if (!span) throw new RangeError(`no line ${line}`);
  return text.slice(0, span.start) + content + text.slice(span.end);
}

export function lineAt(text: string, line: number): string | undefined {
  const span = physicalLineSpans(text)[line - 1];
  return span && text.slice(span.start, span.end);
}
