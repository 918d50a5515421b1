import { rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { ProjectFileRefused, readProjectBytes } from '../project/project-file.js';

/** One file an upgrade changes: its bytes before (null when the upgrade creates it) and after. */
export interface FileEdit {
  /**
   * Relative to the project root, forward slashes (`../requirements.txt` in a monorepo): how places and
   * messages name it, as check's findings do. The diff and the commands to type use `path` (typed-paths.ts).
   */
  file: string;
  path: string;
  before: Buffer | null;
  after: Buffer;
}

/** Where an upgrade reads and edits: files are named from the project root and must lie in the build root. */
export interface EditPlace {
  root: string;
  buildRoot: string;
}

/**
 * A file's text for editing, `file` named from the project root (`../requirements.txt` in a monorepo);
 * only UTF-8 (a BOM stays part of the text, so it is written back as it was).
 */
export function readEditableText(place: EditPlace, file: string): { path: string; bytes: Buffer; text: string } {
  const path = resolve(place.root, file);
  let bytes: Buffer;
  try {
    // Heroku builds the build root: a file there (or a link) that leads out of it is not the project's.
    bytes = readProjectBytes(path, { root: place.buildRoot, display: file });
  } catch (error) {
    if (error instanceof ProjectFileRefused) throw error;
    throw new InputError(`${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return { path, bytes, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    throw new InputError(`${file}: not UTF-8 text; implanta edits only UTF-8 files, so change this one by hand`);
  }
}

export function applyEdits(edits: readonly FileEdit[]): void {
  for (const edit of edits) writeFileSync(edit.path, edit.after);
}

/** Puts every file back exactly as it was, and removes the files the upgrade created. */
export function restoreEdits(edits: readonly FileEdit[]): void {
  for (const edit of edits) {
    if (edit.before === null) rmSync(edit.path, { force: true });
    else writeFileSync(edit.path, edit.before);
  }
}
