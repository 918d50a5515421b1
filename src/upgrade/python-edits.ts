import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import { fromProjectRoot } from '../project/build-root.js';
import type { PythonVersionDecl } from '../project/types.js';
import { readEditableText, type EditPlace, type FileEdit } from './file-edits.js';
import { physicalLineSpans } from './physical-lines.js';
import { gitCommand, typedPath, type UserPlace } from './typed-paths.js';

export interface PythonEdits {
  edits: FileEdit[];
  places: string[];
  notes: string[];
}

type VersionFile = '.python-version' | 'runtime.txt';

/**
 * The version written where Heroku reads it, at the build root: `.python-version`, or `runtime.txt`
 * (which wins when both exist, and is deprecated). A project that declares none, or only in
 * Pipfile.lock, gets a `.python-version`. Files are named from the project root (`../.python-version`).
 */
export function pythonEdits(place: EditPlace, declared: PythonVersionDecl | undefined, version: string, user: UserPlace): PythonEdits {
  const named = (file: string) => fromProjectRoot(place.root, place.buildRoot, file);
  const created = (): FileEdit => ({ file: named('.python-version'), path: join(place.buildRoot, '.python-version'), before: null, after: Buffer.from(`${version}\n`) });
  if (declared?.file === 'Pipfile.lock') {
    // pipenv writes the lock (and its hash of the Pipfile): a .python-version, which the buildpack reads first, is the edit that is ours to make.
    const edit = created();
    return {
      edits: [edit],
      places: [`${edit.file}:1`],
      notes: [`Heroku read the Python version from ${named('Pipfile.lock')} (${declared.version}, line ${declared.line}); ${edit.file} now takes precedence: set python_version = "${version}" under [requires] in the Pipfile and run \`pipenv lock\` so pipenv agrees`],
    };
  }
  if (!declared) {
    const edit = created();
    return {
      edits: [edit],
      places: [`${edit.file}:1`],
      notes: [`no Python version was declared, so Heroku chose one at each build: ${edit.file} now says which`],
    };
  }
  const edits: (FileEdit & { line: number })[] = [versionLineEdit(place, declared.file, declared.version, version)];
  const notes: string[] = [];
  if (declared.file === 'runtime.txt') {
    // The command is typed where implanta was run, so its paths are named from there, not from manage.py's folder.
    const [runtime, pythonVersion] = [join(place.buildRoot, 'runtime.txt'), join(place.buildRoot, '.python-version')];
    notes.push(`${named('runtime.txt')} is deprecated on Heroku: move to .python-version (\`echo ${version} > ${typedPath(pythonVersion, user.cwd)} && ${gitCommand(user, 'rm', [runtime])}\`)`);
    // Both files must agree, or the one left behind becomes the version the day runtime.txt goes.
    if (declared.shadowed) edits.push(versionLineEdit(place, '.python-version', declared.shadowed.version, version));
  }
  return { edits, places: edits.map((e) => `${e.file}:${e.line}`), notes };
}

function versionLineEdit(place: EditPlace, kind: VersionFile, from: string, to: string): FileEdit & { line: number } {
  const file = fromProjectRoot(place.root, place.buildRoot, kind);
  const { path, bytes, text } = readEditableText(place, file);
  const written = kind === 'runtime.txt' ? `python-${from}` : from;
  const replacement = kind === 'runtime.txt' ? `python-${to}` : to;
  const spans = physicalLineSpans(text);
  const index = spans.findIndex((s) => text.slice(s.start, s.end).trim().replace(/^\uFEFF/, '') === written);
  const span = spans[index];
  if (!span) throw new InputError(`${file}: cannot find the line that says ${written}: edit it by hand`);
  const line = text.slice(span.start, span.end);
  const edited = text.slice(0, span.start) + line.replace(written, replacement) + text.slice(span.end);
  return { file, path, before: bytes, after: Buffer.from(edited, 'utf8'), line: index + 1 };
}
