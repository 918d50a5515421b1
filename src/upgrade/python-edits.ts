import { InputError } from '../core/errors.js';
import type { PythonVersionDecl } from '../project/types.js';
import { readEditableText, type FileEdit } from './file-edits.js';
import { physicalLineSpans } from './physical-lines.js';
import { resolve } from 'node:path';

export interface PythonEdits {
  edits: FileEdit[];
  places: string[];
  notes: string[];
}

/**
 * The version written where Heroku reads it: `.python-version`, or `runtime.txt` (which wins when both
 * exist, and is deprecated). A project that declares none, or only in Pipfile.lock, gets a `.python-version`.
 */
export function pythonEdits(root: string, declared: PythonVersionDecl | undefined, version: string): PythonEdits {
  if (declared?.file === 'Pipfile.lock') {
    // pipenv writes the lock (and its hash of the Pipfile): a .python-version, which the buildpack reads first, is the edit that is ours to make.
    return {
      edits: [{ file: '.python-version', path: resolve(root, '.python-version'), before: null, after: Buffer.from(`${version}\n`) }],
      places: ['.python-version:1'],
      notes: [`Heroku read the Python version from Pipfile.lock (${declared.version}, line ${declared.line}); .python-version now takes precedence: set python_version = "${version}" under [requires] in the Pipfile and run \`pipenv lock\` so pipenv agrees`],
    };
  }
  if (!declared) {
    return {
      edits: [{ file: '.python-version', path: resolve(root, '.python-version'), before: null, after: Buffer.from(`${version}\n`) }],
      places: ['.python-version:1'],
      notes: ['no Python version was declared, so Heroku chose one at each build: .python-version now says which'],
    };
  }
  const edits: (FileEdit & { line: number })[] = [versionLineEdit(root, declared.file, declared.version, version)];
  const notes: string[] = [];
  if (declared.file === 'runtime.txt') {
    notes.push(`runtime.txt is deprecated on Heroku: move to .python-version (\`echo ${version} > .python-version && git rm runtime.txt\`)`);
    // Both files must agree, or the one left behind becomes the version the day runtime.txt goes.
    if (declared.shadowed) edits.push(versionLineEdit(root, '.python-version', declared.shadowed.version, version));
  }
  return { edits, places: edits.map((e) => `${e.file}:${e.line}`), notes };
}

function versionLineEdit(root: string, file: PythonVersionDecl['file'], from: string, to: string): FileEdit & { line: number } {
  const { path, bytes, text } = readEditableText(root, file);
  const written = file === 'runtime.txt' ? `python-${from}` : from;
  const replacement = file === 'runtime.txt' ? `python-${to}` : to;
  const spans = physicalLineSpans(text);
  const index = spans.findIndex((s) => text.slice(s.start, s.end).trim().replace(/^\uFEFF/, '') === written);
  const span = spans[index];
  if (!span) throw new InputError(`${file}: cannot find the line that says ${written}: edit it by hand`);
  const line = text.slice(span.start, span.end);
  const edited = text.slice(0, span.start) + line.replace(written, replacement) + text.slice(span.end);
  return { file, path, before: bytes, after: Buffer.from(edited, 'utf8'), line: index + 1 };
}
