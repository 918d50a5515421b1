import { shlexSplit } from './shlex.js';

/**
 * The options part of a requirements line, read as pip reads it: the line is cut at the first
 * space-separated word starting with `-`; what precedes is the requirement, what follows goes through
 * shlex and optparse (unique prefixes of long options, `--opt=value`, `-rfile`, `-r file`).
 */
export interface OptionSpec {
  /** The long name pip documents. */
  name: string;
  longs: string[];
  short?: string;
  takesValue: boolean;
  /** `file`: applies to the whole install; `requirement`: to the requirement on the same line. */
  scope: 'file' | 'requirement' | 'include' | 'editable';
}

export interface ParsedOption {
  spec: OptionSpec;
  value?: string;
}

export type SplitLine = { args: string; options: ParsedOption[] } | { error: string };

const SPECS: OptionSpec[] = [
  { name: '--index-url', longs: ['--index-url', '--pypi-url'], short: '-i', takesValue: true, scope: 'file' },
  { name: '--extra-index-url', longs: ['--extra-index-url'], takesValue: true, scope: 'file' },
  { name: '--no-index', longs: ['--no-index'], takesValue: false, scope: 'file' },
  { name: '--constraint', longs: ['--constraint'], short: '-c', takesValue: true, scope: 'include' },
  { name: '--requirement', longs: ['--requirement'], short: '-r', takesValue: true, scope: 'include' },
  { name: '--editable', longs: ['--editable'], short: '-e', takesValue: true, scope: 'editable' },
  { name: '--find-links', longs: ['--find-links'], short: '-f', takesValue: true, scope: 'file' },
  { name: '--no-binary', longs: ['--no-binary'], takesValue: true, scope: 'file' },
  { name: '--only-binary', longs: ['--only-binary'], takesValue: true, scope: 'file' },
  { name: '--prefer-binary', longs: ['--prefer-binary'], takesValue: false, scope: 'file' },
  { name: '--require-hashes', longs: ['--require-hashes'], takesValue: false, scope: 'file' },
  { name: '--pre', longs: ['--pre'], takesValue: false, scope: 'file' },
  { name: '--trusted-host', longs: ['--trusted-host'], takesValue: true, scope: 'file' },
  { name: '--use-feature', longs: ['--use-feature'], takesValue: true, scope: 'file' },
  { name: '--global-option', longs: ['--global-option'], takesValue: true, scope: 'requirement' },
  { name: '--hash', longs: ['--hash'], takesValue: true, scope: 'requirement' },
  { name: '--config-settings', longs: ['--config-settings'], short: '-C', takesValue: true, scope: 'requirement' },
];

const LONGS = new Map(SPECS.flatMap((spec) => spec.longs.map((long) => [long, spec] as const)));
const STRONG_HASHES = ['sha256', 'sha384', 'sha512'];

export function splitRequirementLine(line: string): SplitLine {
  // Most lines are a bare requirement: no space-separated word starts with `-`.
  if (!line.startsWith('-') && !line.includes(' -')) return { args: line, options: [] };
  const tokens = line.split(' ');
  const cut = tokens.findIndex((token) => token.startsWith('-'));
  const args = (cut < 0 ? tokens : tokens.slice(0, cut)).join(' ');
  const optionText = cut < 0 ? '' : tokens.slice(cut).join(' ');
  const words = shlexSplit(optionText);
  if (!words) return { error: `could not split options: ${optionText}` };
  const options = parseOptions(words);
  return 'error' in options ? options : { args, options };
}

/** optparse with interspersed arguments; stray positional words are ignored, as pip ignores them. */
function parseOptions(words: string[]): ParsedOption[] | { error: string } {
  const parsed: ParsedOption[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--') break;
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const typed = eq < 0 ? word : word.slice(0, eq);
      const spec = matchLong(typed);
      if ('error' in spec) return spec;
      const long = spec.longs.find((l) => l.startsWith(typed))!;
      if (!spec.takesValue) {
        if (eq >= 0) return { error: `${long} option does not take a value` };
        parsed.push({ spec });
        continue;
      }
      const value = eq >= 0 ? word.slice(eq + 1) : words[++i];
      if (value === undefined) return { error: `${long} option requires 1 argument` };
      const checked = checkValue(spec, value);
      if (checked) return { error: checked };
      parsed.push({ spec, value });
    } else if (word.startsWith('-') && word !== '-') {
      for (let j = 1; j < word.length; j++) {
        const spec = SPECS.find((s) => s.short === `-${word[j]}`);
        if (!spec) return { error: `no such option: -${word[j]}` };
        if (!spec.takesValue) {
          parsed.push({ spec });
          continue;
        }
        const value = j + 1 < word.length ? word.slice(j + 1) : words[++i];
        if (value === undefined) return { error: `-${word[j]} option requires 1 argument` };
        const checked = checkValue(spec, value);
        if (checked) return { error: checked };
        parsed.push({ spec, value });
        break;
      }
    }
  }
  return parsed;
}

function matchLong(typed: string): OptionSpec | { error: string } {
  const exact = LONGS.get(typed);
  if (exact) return exact;
  const candidates = [...LONGS.keys()].filter((long) => long.startsWith(typed));
  if (candidates.length === 1) return LONGS.get(candidates[0]!)!;
  if (candidates.length === 0) return { error: `no such option: ${typed}` };
  return { error: `ambiguous option: ${typed} (${candidates.join(', ')}?)` };
}

/** The checks pip's option callbacks make. */
function checkValue(spec: OptionSpec, value: string): string | undefined {
  if (spec.name === '--hash') {
    const colon = value.indexOf(':');
    if (colon < 0) return 'Arguments to --hash must be a hash name followed by a value, like --hash=sha256:abcde...';
    if (!STRONG_HASHES.includes(value.slice(0, colon))) {
      return `Allowed hash algorithms for --hash are ${STRONG_HASHES.join(', ')}.`;
    }
  }
  if ((spec.name === '--no-binary' || spec.name === '--only-binary') && value.startsWith('-')) {
    return '--no-binary / --only-binary option requires 1 argument.';
  }
  if (spec.name === '--config-settings' && !value.includes('=')) {
    return 'Arguments to --config-settings must be of the form KEY=VAL';
  }
  return undefined;
}
