/**
 * Settings-evaluator cases as data: source files written to a temporary project, evaluated, and
 * compared with what the case expects. `<root>` in expected strings stands for the project root.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { Unknown, toJson, type PyValue } from '../../../src/project/python-value.js';
import { evaluateSettings } from '../../../src/project/settings/evaluate.js';
import type { SettingsEvaluation } from '../../../src/project/settings/types.js';
import { containsUnknown } from '../../../src/project/settings/values.js';

export interface Case {
  name: string;
  /** Path (relative to the root) → content. `proj/__init__.py` is added when missing. */
  files: Record<string, string>;
  /** Default `proj.settings`. */
  module?: string;
  env?: Record<string, string>;
  /** The Django version the project runs, when the case gives one. */
  django?: { major: number; minor: number };
  /** Third-party top-level modules the requirements declare; absent: nothing is known of them. */
  installed?: string[];
  /** Setting → expected value, as JSON (tuples as arrays, paths as strings). */
  values?: Record<string, unknown>;
  /** Setting → a pattern its Unknown reason must match. */
  unknown?: Record<string, RegExp>;
  /** Setting → `file:line` it was last set at. */
  origins?: Record<string, string>;
  /** Settings the module must not define. */
  absent?: string[];
  /** Further checks on the whole evaluation. */
  check?: (result: SettingsEvaluation, root: string) => void;
}

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A fresh project folder holding `files`. */
export function writeProject(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'implanta-settings-'));
  roots.push(root);
  const all = { 'proj/__init__.py': '', ...files };
  for (const [path, content] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** Source from indented template text: the common leading indentation removed. */
export function py(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

export function withRoot(v: unknown, root: string): unknown {
  if (typeof v === 'string') return v.replaceAll('<root>', root);
  if (Array.isArray(v)) return v.map((x) => withRoot(x, root));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withRoot(x, root)]));
  return v;
}

export async function evaluateCase(c: Case): Promise<{ result: SettingsEvaluation; root: string }> {
  const root = writeProject(c.files);
  const installed = c.installed && ((module: string) => c.installed!.includes(module));
  const result = await evaluateSettings({ root, module: c.module ?? 'proj.settings', env: c.env ?? {}, ...(c.django && { django: c.django }), ...(installed && { installed }) });
  return { result, root };
}

function valueOf(result: SettingsEvaluation, name: string): PyValue {
  const binding = result.settings.get(name);
  assert.ok(binding, `${name} is not set`);
  return binding.value;
}

export function runCases(group: string, cases: Case[]): void {
  for (const c of cases) {
    test(`${group}: ${c.name}`, async () => {
      const { result, root } = await evaluateCase(c);
      for (const [name, expected] of Object.entries(c.values ?? {})) {
        const value = valueOf(result, name);
        assert.ok(!containsUnknown(value), `${name} should be known, got ${JSON.stringify(toJson(value))}`);
        assert.deepEqual(toJson(value), withRoot(expected, root), name);
      }
      for (const [name, reason] of Object.entries(c.unknown ?? {})) {
        const value = valueOf(result, name);
        assert.ok(value instanceof Unknown, `${name} should be unknown, got ${JSON.stringify(toJson(value))}`);
        assert.match(value.reason, reason, name);
      }
      for (const [name, place] of Object.entries(c.origins ?? {})) {
        const binding = result.settings.get(name);
        assert.ok(binding, `${name} is not set`);
        assert.equal(`${binding.origin.file}:${binding.origin.line}`, place, `origin of ${name}`);
      }
      for (const name of c.absent ?? []) assert.equal(result.settings.get(name), undefined, `${name} should not be set`);
      c.check?.(result, root);
    });
  }
}
