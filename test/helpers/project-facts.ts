import assert from 'node:assert/strict';
import { isSkip, type Rule } from '../../src/core/rule.js';
import { parseProcfile } from '../../src/project/procfile.js';
import type { EnvRead, ModuleUse, SettingsEvaluation, SettingsView } from '../../src/project/settings/types.js';
import { PyDict, type PyValue } from '../../src/project/python-value.js';
import type { DependencySet, ProjectFacts, Requirement } from '../../src/project/types.js';
import { settingsView } from './settings-view.js';

export interface FactsInput extends Partial<Omit<ProjectFacts, 'procfile' | 'dependencies'>> {
  /** Settings as a plain object (see settingsView): the first key is on line 1 of proj/settings.py. */
  settings?: Record<string, unknown>;
  envReads?: EnvRead[];
  imports?: ModuleUse[];
  dotenvFilesRead?: string[];
  /** Procfile text. */
  procfile?: string;
  /** requirements.txt lines (`Django==4.2.7`), or a DependencySet as is. */
  requirements?: string[] | DependencySet;
}

export const SETTINGS_FILE = 'proj/settings.py';

/** ProjectFacts for rule tests: only what a case sets, everything else empty. */
export function projectFacts(input: FactsInput = {}): ProjectFacts {
  const { settings, envReads = [], imports = [], dotenvFilesRead = [], procfile, requirements, ...rest } = input;
  return {
    root: '/project',
    files: ['manage.py', 'proj/__init__.py', SETTINGS_FILE, 'proj/wsgi.py'],
    candidates: [],
    env: {},
    hosts: [],
    ...(settings && {
      evaluation: { settings: settingsView(settings, SETTINGS_FILE), envReads, imports, files: [SETTINGS_FILE], dotenvFilesRead, provenance: literalProvenance(settingsView(settings, SETTINGS_FILE)) },
    }),
    ...(procfile !== undefined && { procfile: parseProcfile(procfile) }),
    ...(requirements !== undefined && { dependencies: Array.isArray(requirements) ? requirementsTxt(requirements) : requirements }),
    ...rest,
  };
}

/**
 * Settings given as plain values are written in the code: every value (and every item inside it) is
 * a literal on its setting's line. Tests of where a value came from evaluate real settings source.
 */
function literalProvenance(view: SettingsView): SettingsEvaluation['provenance'] {
  return (name, path = []) => {
    const binding = view.get(name);
    if (!binding) return undefined;
    let value: PyValue | undefined = binding.value;
    for (const key of path) value = value instanceof PyDict ? value.get(key) : undefined;
    return value === undefined ? undefined : { value, provenance: { kind: 'literal', ...binding.origin } };
  };
}

/** An environment read by the settings, in proj/settings.py. */
export function envRead(name: string, line: number, required = false, via = 'os.environ'): EnvRead {
  return { name, line, required, via, file: SETTINGS_FILE };
}

export function moduleUse(module: string, line: number, how: ModuleUse['how'] = 'import'): ModuleUse {
  return { module, line, how, file: SETTINGS_FILE };
}

/** A requirements.txt DependencySet from simple lines: `name`, `name==1.0`, `name>=1,<2`, `git+https://…#egg=name`. */
export function requirementsTxt(lines: string[]): DependencySet {
  const requirements: Requirement[] = lines.map((text, i) => {
    const url = /^(\S+:\/\/\S+?)(?:#egg=(\S+))?$/.exec(text);
    const [, rawName = '', specifier = ''] = url ? [text, url[2] ?? '', ''] : (/^([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?(.*)$/.exec(text) ?? []);
    const pinned = /^===?([^,*]+)$/.exec(specifier)?.[1];
    return {
      name: rawName.toLowerCase().replace(/[-_.]+/g, '-'),
      rawName,
      specifier,
      extras: [],
      editable: false,
      hashes: [],
      kind: 'requirement',
      file: 'requirements.txt',
      line: i + 1,
      ...(url && { url: url[1] }),
      ...(pinned !== undefined && { pinned }),
    };
  });
  return { kind: 'requirements.txt', file: 'requirements.txt', requirements, files: ['requirements.txt'], problems: [] };
}

export interface Expected {
  severity: 'error' | 'warning' | 'info';
  message: RegExp;
  file?: string;
  line?: number;
}

/**
 * Runs a rule and compares its reports with the expected ones, in order: severity (the report's or
 * the rule's default), message pattern, and file/line when the case gives them. A skip is returned
 * as the string 'skip: reason'.
 */
export function runRule(rule: Rule<ProjectFacts>, facts: ProjectFacts): Array<{ severity: string; message: string; file?: string; line?: number }> | string {
  const result = rule.check(facts);
  if (isSkip(result)) return `skip: ${result.skip}`;
  return result.map((r) => ({ severity: r.severity ?? rule.meta.severity, message: r.message, ...(r.file !== undefined && { file: r.file }), ...(r.line !== undefined && { line: r.line }) }));
}

export function assertReports(rule: Rule<ProjectFacts>, facts: ProjectFacts, expected: Expected[] | 'skip'): void {
  const got = runRule(rule, facts);
  if (expected === 'skip') {
    assert.equal(typeof got, 'string', `expected a skip, got ${JSON.stringify(got)}`);
    return;
  }
  assert.ok(Array.isArray(got), `expected reports, got ${String(got)}`);
  assert.equal(got.length, expected.length, `expected ${expected.length} report(s), got ${JSON.stringify(got, null, 1)}`);
  expected.forEach((e, i) => {
    const r = got[i]!;
    assert.equal(r.severity, e.severity, r.message);
    assert.match(r.message, e.message);
    if (e.file !== undefined) assert.equal(r.file, e.file, r.message);
    if (e.line !== undefined) assert.equal(r.line, e.line, r.message);
  });
}
