/**
 * Splits a shell command line into simple commands and their words, as `sh` would before expansion:
 * quotes are removed, `$VAR` references stay as written (a Procfile command is judged by what it says,
 * not by one environment's values), and `&&`, `||`, `;`, `|`, `&` and newlines separate commands.
 */
export function shellCommands(line: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  const endWord = (): void => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = (): void => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      const stop = end < 0 ? line.length : end;
      word += line.slice(i + 1, stop);
      inWord = true;
      i = stop;
    } else if (c === '"') {
      inWord = true;
      for (i++; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === '\\' && '"\\$`'.includes(line[i + 1] ?? '')) i++;
        word += line[i];
      }
    } else if (c === '\\') {
      if (line[i + 1] === '\n') i++;
      else if (i + 1 < line.length) {
        word += line[++i];
        inWord = true;
      }
    } else if (c === '$' && line[i + 1] === '(') {
      // `$(…)` stays one word, parentheses and all: uwsgi spells env references `$(PORT)`.
      let depth = 0;
      const start = i;
      for (; i < line.length; i++) {
        if (line[i] === '(') depth++;
        else if (line[i] === ')' && --depth === 0) break;
      }
      word += line.slice(start, i + 1);
      inWord = true;
    } else if (c === '<' || c === '>') {
      // A redirection is not a word of the command: drop it with its fd number and its target.
      if (/^\d+$/.test(word)) {
        word = '';
        inWord = false;
      }
      endWord();
      i = skipRedirection(line, i);
    } else if (c === ' ' || c === '\t') {
      endWord();
    } else if (c === '#' && !inWord) {
      break;
    } else if (';&|\n()'.includes(c)) {
      endCommand();
    } else {
      word += c;
      inWord = true;
    }
  }
  endCommand();
  return commands;
}

/** Index of the last character of the redirection starting at `i` (`>`, `2>&1`, `>> log`, `< in`). */
function skipRedirection(line: string, i: number): number {
  let j = i;
  while (line[j + 1] === '<' || line[j + 1] === '>') j++;
  if (line[j + 1] === '&') {
    j++;
    while (/[\d-]/.test(line[j + 1] ?? '')) j++;
    return j;
  }
  while (line[j + 1] === ' ' || line[j + 1] === '\t') j++;
  while (j + 1 < line.length && !' \t;&|\n()'.includes(line[j + 1]!)) j++;
  return j;
}
