import { InputError } from '../core/errors.js';
import type { Requirement } from '../project/types.js';
import { at, type Declarations } from './declarations.js';
import { readEditableText, type EditPlace, type FileEdit } from './file-edits.js';
import { lineAt, replaceLine } from './physical-lines.js';
import { editRequirementLine, linesToEdit } from './pin-edit.js';

export interface RequirementEdits {
  edits: FileEdit[];
  /** The lines edited, as `file:line`. */
  places: string[];
  notes: string[];
}

/** The pin edits that move a package to `version`, in the file (included or constraint) that declares each. */
export function requirementEdits(place: EditPlace, decl: Declarations, version: string): RequirementEdits {
  const lines = linesToEdit(decl.lines, version);
  const byFile = new Map<string, Requirement[]>();
  for (const req of lines) byFile.set(req.file, [...(byFile.get(req.file) ?? []), req]);
  const edits: FileEdit[] = [];
  const notes: string[] = [];
  for (const [file, reqs] of byFile) {
    const { path, bytes, text } = readEditableText(place, file);
    let edited = text;
    for (const req of reqs) {
      const physical = lineAt(edited, req.line);
      const result = physical === undefined ? { ok: false as const, reason: 'the line is gone' } : editRequirementLine(physical, req, version);
      if (!result.ok) throw new InputError(`${at(req)}: cannot edit the ${decl.name} pin: ${result.reason}`);
      edited = replaceLine(edited, req.line, result.content);
      if (result.pinnedRange) notes.push(`${at(req)}: ${req.specifier ? `the range ${req.specifier}` : 'no version'} became the exact pin ==${version}: requirements.txt records what every build installs`);
    }
    edits.push({ file, path, before: bytes, after: Buffer.from(edited, 'utf8') });
  }
  return { edits, places: lines.map(at), notes };
}
