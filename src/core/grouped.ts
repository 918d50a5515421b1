/** 12345 as "12,345": counts in messages and summaries are grouped one way everywhere. */
export function grouped(value: number): string {
  return value.toLocaleString('en-US');
}
