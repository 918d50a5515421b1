import { InputError } from '../core/errors.js';
import { isValidProjectName, normalizeName } from '../project/requirements/pep508.js';

/** What `implanta upgrade WHAT` moves: a package pin (Django is one), the Python version, or the app's stack. */
export type Subject = { kind: 'package'; name: string } | { kind: 'python' } | { kind: 'stack' };

export function parseSubject(what: string): Subject {
  const lower = what.toLowerCase();
  if (lower === 'python') return { kind: 'python' };
  if (lower === 'stack') return { kind: 'stack' };
  if (!isValidProjectName(what)) throw new InputError(`${what}: not a package name (expected django, python, stack or a PyPI project name)`);
  return { kind: 'package', name: normalizeName(what) };
}

/** How the subject reads in messages and commit subjects: Django and Python capitalised, packages as normalised. */
export function subjectLabel(subject: Subject): string {
  if (subject.kind === 'python') return 'Python';
  if (subject.kind === 'stack') return 'stack';
  return subject.name === 'django' ? 'Django' : subject.name;
}
