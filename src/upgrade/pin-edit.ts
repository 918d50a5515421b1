import { versionSatisfies } from '../versions/pep440.js';
import type { Requirement } from '../project/types.js';

/**
 * The specifier a declaration gets for a new version: the same operator when the line has one clause
 * that names a version to move (`==`, `===`, `~=`, `>=`), else an exact pin, so requirements.txt records
 * what is installed ("version tracking is done in requirements.txt").
 */
export function newSpecifier(written: string, version: string): { specifier: string; pinnedRange: boolean } {
  const single = /^(\s*\(?\s*)(===|==|~=|>=)(\s*)([^\s,()*]+)(\s*\)?\s*)$/.exec(written);
  if (single) return { specifier: `${single[1]}${single[2]}${single[3]}${version}${single[5]}`, pinnedRange: false };
  return { specifier: `==${version}`, pinnedRange: true };
}

/** Which declarations move: pins always; ranges only when they shut the new version out; a range-only package gets pinned where it is required. */
export function linesToEdit(lines: Requirement[], version: string): Requirement[] {
  const edit = lines.filter((r) => r.pinned !== undefined || !versionSatisfies(version, r.specifier || '>=0'));
  if (edit.length > 0) return edit;
  const first = lines.find((r) => r.kind === 'requirement') ?? lines[0];
  return first ? [first] : [];
}

export type LineEdit = { ok: true; content: string; pinnedRange: boolean } | { ok: false; reason: string };

/**
 * The physical line with its specifier replaced; the name as written, extras, marker, `--` options,
 * comment and spacing stay. The line must read as the parser read it, else it is left to the user
 * (a specifier split over a `\` continuation, or one built from `${VARIABLE}`).
 */
export function editRequirementLine(physical: string, req: Requirement, version: string): LineEdit {
  const head = new RegExp(`^([ \\t]*${escapeRegExp(req.rawName)}(?:[ \\t]*\\[[^\\]]*\\])?)`).exec(physical);
  if (!head) return { ok: false, reason: `the line does not start with ${req.rawName}` };
  const rest = physical.slice(head[1]!.length);
  const written = /^(.*?)(?=[ \t]*;|[ \t]+--|[ \t]+#|[ \t]*\\$|[ \t]*$)/.exec(rest)![1]!;
  if (written.includes('${')) return { ok: false, reason: 'its version comes from an environment variable: change it where the variable is set' };
  if (written.replace(/[\s()]/g, '') !== req.specifier) return { ok: false, reason: 'its specifier is not all on that line' };
  const { specifier, pinnedRange } = written.trim() === '' ? { specifier: `==${version}`, pinnedRange: true } : newSpecifier(written, version);
  return { ok: true, content: head[1] + specifier + rest.slice(written.length), pinnedRange };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
