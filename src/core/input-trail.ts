/**
 * The last project file implanta read, so that running out of memory or stack (a RangeError, which
 * names no input) can still tell the user which file of theirs was being read.
 */
let last: string | undefined;

export function noteProjectFileRead(name: string): void {
  last = name;
}

export function lastProjectFileRead(): string | undefined {
  return last;
}
