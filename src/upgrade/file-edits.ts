import { rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { ProjectFileRefused, readProjectBytes } from '../project/project-file.js';

/** One file an upgrade changes: its bytes before (null when the upgrade creates it) and after. */
export interface FileEdit {
  /** Relative to the project root, forward slashes: how messages and the diff name it. */
  file: string;
  path: string;
  before: Buffer | null;
  after: Buffer;
}

/** A file's text for editing; only UTF-8 (a BOM stays part of the text, so it is written back as it was). */
export function readEditableText(root: string, file: string): { path: string; bytes: Buffer; text: string } {
  const path = resolve(root, file);
  let bytes: Buffer;
  try {
    bytes = readProjectBytes(path, { root, display: file });
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
