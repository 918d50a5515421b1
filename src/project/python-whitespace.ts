/**
 * Python's idea of whitespace, for str.strip(), str.split() and str.isspace() with no argument, wherever
 * implanta reads Python text (requirements lines, settings values). JavaScript's \s is another set: it
 * has \ufeff, and lacks \x1c-\x1f and \x85. All by hand and linear: a regex such as `\s+$` retries from
 * every space of a long run, which is quadratic on hostile padding.
 */
export function isPythonSpace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) || code === 0x20 || (code >= 0x1c && code <= 0x1f) || code === 0x85 || code === 0xa0 ||
    code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000
  );
}

/** str.strip() (or lstrip, rstrip) with no argument. */
export function pythonStrip(text: string, left = true, right = true): string {
  let start = 0;
  let end = text.length;
  while (left && start < end && isPythonSpace(text.charCodeAt(start))) start++;
  while (right && end > start && isPythonSpace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/**
 * str.split() (or rsplit) with no separator: runs of whitespace separate, none at either end. Past
 * `maxsplit` splits (negative: no limit) the rest is one part, its own spacing kept, as Python does.
 */
export function pythonSplitWhitespace(text: string, maxsplit = -1, fromRight = false): string[] {
  const space = (i: number) => isPythonSpace(text.charCodeAt(i));
  const parts: string[] = [];
  if (!fromRight) {
    let i = 0;
    for (;;) {
      while (i < text.length && space(i)) i++;
      if (i === text.length) return parts;
      if (maxsplit >= 0 && parts.length === maxsplit) return [...parts, text.slice(i)];
      const start = i;
      while (i < text.length && !space(i)) i++;
      parts.push(text.slice(start, i));
    }
  }
  let j = text.length;
  for (;;) {
    while (j > 0 && space(j - 1)) j--;
    if (j === 0) return parts.reverse();
    if (maxsplit >= 0 && parts.length === maxsplit) return [text.slice(0, j), ...parts.reverse()];
    const end = j;
    while (j > 0 && !space(j - 1)) j--;
    parts.push(text.slice(j, end));
  }
}

/** str.isspace(): not empty, and every character whitespace. */
export function pythonIsSpace(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) if (!isPythonSpace(text.charCodeAt(i))) return false;
  return true;
}
