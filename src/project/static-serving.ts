import { join } from 'node:path';
import { ProjectFileRefused, readProjectText } from './project-file.js';

/** What serves static files besides WhiteNoiseMiddleware itself, found in the project's own code. */
export interface StaticServing {
  /** wsgi.py wrapping the application: `DjangoWhiteNoise(application)`, `WhiteNoise(application, root=…)`, dj-static's `Cling(…)`. */
  wsgiWrappers: Array<{ file: string; line: number; wrapper: string }>;
  /** Dotted MIDDLEWARE entries whose class, in the project, subclasses WhiteNoiseMiddleware. */
  whitenoiseSubclasses: string[];
}

const WSGI_FILE = /(^|\/)[^/]*wsgi[^/]*\.py$/;
const WRAPPER = /^\s*\w+\s*=\s*(DjangoWhiteNoise|WhiteNoise|Cling|MediaCling)\s*\(/;

function read(root: string, file: string): string | undefined {
  try {
    return readProjectText(join(root, file), { root, display: file });
  } catch (error) {
    if (error instanceof ProjectFileRefused) throw error;
    return undefined;
  }
}

/** Assignments that wrap the WSGI application, in every wsgi module of the project (comments skipped by the anchor). */
function wsgiWrappers(root: string, files: string[]): StaticServing['wsgiWrappers'] {
  const found: StaticServing['wsgiWrappers'] = [];
  for (const file of files.filter((f) => WSGI_FILE.test(f))) {
    const lines = (read(root, file) ?? '').split('\n');
    lines.forEach((text, i) => {
      const match = WRAPPER.exec(text);
      if (match) found.push({ file, line: i + 1, wrapper: match[1]! });
    });
  }
  return found;
}

/**
 * `myproject.middleware.StaticMiddleware` is the project's own class: read its module and see whether
 * it is declared as `class StaticMiddleware(WhiteNoiseMiddleware)` (or the dotted base).
 */
function subclassesWhiteNoise(root: string, files: Set<string>, dotted: string): boolean {
  const parts = dotted.split('.');
  const cls = parts.pop();
  if (!cls || parts.length === 0) return false;
  const base = parts.join('/');
  const file = [`${base}.py`, `${base}/__init__.py`].find((f) => files.has(f));
  const source = file && read(root, file);
  if (!source) return false;
  const declaration = new RegExp(`^class\\s+${cls}\\s*\\(([^)]*)\\)`, 'm').exec(source);
  return declaration !== null && /\bWhiteNoiseMiddleware\b/.test(declaration[1]!);
}

export function readStaticServing(root: string, files: string[], middleware: readonly unknown[]): StaticServing {
  const fileSet = new Set(files);
  const own = middleware.filter((m): m is string => typeof m === 'string' && !m.startsWith('django.') && !m.startsWith('whitenoise.'));
  return {
    wsgiWrappers: wsgiWrappers(root, files),
    whitenoiseSubclasses: own.filter((m) => subclassesWhiteNoise(root, fileSet, m)),
  };
}
