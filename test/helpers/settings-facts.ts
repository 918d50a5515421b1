/**
 * ProjectFacts from real settings source: the files are written to a temporary project, evaluated by
 * the static evaluator (so every value carries the provenance it really records), and removed. For
 * rule tests that depend on where a value came from, which plain-object settings cannot say.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { evaluateSettings } from '../../src/project/settings/evaluate.js';
import type { ProjectFacts } from '../../src/project/types.js';
import { projectFacts, SETTINGS_FILE, type FactsInput } from './project-facts.js';

export interface SourceFacts extends Omit<FactsInput, 'settings' | 'envReads' | 'imports' | 'dotenvFilesRead' | 'files'> {
  /** Further files (path relative to the root → content), e.g. a helper module `proj/envs.py`. */
  files?: Record<string, string>;
}

/** Facts for `proj/settings.py` holding `source` (leading indentation removed), evaluated under `input.env`. */
export async function settingsFacts(source: string, input: SourceFacts = {}): Promise<ProjectFacts> {
  const { files = {}, ...rest } = input;
  const root = mkdtempSync(join(tmpdir(), 'implanta-rule-settings-'));
  try {
    for (const [path, content] of Object.entries({ 'proj/__init__.py': '', [SETTINGS_FILE]: dedent(source), ...files })) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), dedent(content));
    }
    const env = rest.env ?? {};
    const django = rest.django && { major: rest.django.major, minor: rest.django.minor };
    const evaluation = await evaluateSettings({ root, module: 'proj.settings', env, ...(django && { django }) });
    return { ...projectFacts(rest), root, env, evaluation };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}
