import { join } from 'node:path';
import { ProjectFileRefused, readProjectText } from './project-file.js';

/** What serves static files besides WhiteNoiseMiddleware itself, found in the project's own code. */
export interface StaticServing {
  /** wsgi.py wrapping the application: `DjangoWhiteNoise(application)`, `WhiteNoise(application, root=…)`, dj-static's `Cling(…)`. */
  wsgiWrappers: Array<{ file: string; line: number; wrapper: string }>;
  /** Dotted MIDDLEWARE entries whose class, in the project, subclasses WhiteNoiseMiddleware. */
  whitenoiseSubclasses: string[];
  /** The staticfiles storage when it is the project's own class: where that class, by its bases, stores files. */
  projectStorage?: ProjectStorage;
}

/**
 * `STATICFILES_STORAGE = 'custom_storages.StaticStorage'`: 'remote' when the class derives from a storage
 * service's backend (django-storages, cloudinary_storage), 'local' when from Django's or WhiteNoise's
 * file-system storages, 'unknown' when its source does not say (not found, or a base from elsewhere).
 */
export interface ProjectStorage {
  dotted: string;
  stores: 'remote' | 'local' | 'unknown';
  file?: string;
  line?: number;
}

/** Packages whose storages upload to a service, and those that write into STATIC_ROOT. */
const REMOTE_STORAGE_MODULE = /^(storages|cloudinary_storage)(\.|$)/;
const LOCAL_STORAGE_MODULE = /^(django\.contrib\.staticfiles|django\.core\.files|whitenoise)(\.|$)/;

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

interface ProjectClass {
  file: string;
  line: number;
  source: string;
  /** The base classes as written: `S3BotoStorage`, `storages.backends.s3boto3.S3Boto3Storage`. */
  bases: string[];
}

/** `myproject.storage.StaticStorage` is the project's own class: its module, declaration line and bases. */
function projectClass(root: string, files: Set<string>, dotted: string): ProjectClass | undefined {
  const parts = dotted.split('.');
  const cls = parts.pop();
  if (!cls || parts.length === 0 || !/^\w+$/.test(cls)) return undefined;
  const base = parts.join('/');
  const file = [`${base}.py`, `${base}/__init__.py`].find((f) => files.has(f));
  const source = file && read(root, file);
  if (!file || !source) return undefined;
  const declaration = new RegExp(`^class\\s+${cls}\\s*\\(([^)]*)\\)`, 'm').exec(source);
  if (!declaration) return undefined;
  const line = source.slice(0, declaration.index).split('\n').length;
  const bases = declaration[1]!.split(',').map((b) => b.trim()).filter((b) => b && !b.includes('='));
  return { file, line, source, bases };
}

/** `class StaticMiddleware(WhiteNoiseMiddleware)` (or the dotted base). */
function subclassesWhiteNoise(root: string, files: Set<string>, dotted: string): boolean {
  return projectClass(root, files, dotted)?.bases.some((b) => /\bWhiteNoiseMiddleware$/.test(b)) ?? false;
}

/** The module a base class comes from: its dotted prefix, or the `from MODULE import Name` that brought it in. */
function moduleOf(base: string, source: string): string | undefined {
  const dot = base.lastIndexOf('.');
  if (dot > 0) return base.slice(0, dot);
  for (const match of source.matchAll(/^from\s+([\w.]+)\s+import\s+(\([^)]*\)|[^\n]*)/gm)) {
    const names = match[2]!.replace(/#[^\n]*/g, '').replace(/[()\\]/g, '').split(/[,\n]/).map((n) => n.trim().split(/\s+as\s+/).pop()!.trim());
    if (names.includes(base)) return match[1];
  }
  return undefined;
}

function storageOf(root: string, files: Set<string>, dotted: string): ProjectStorage {
  const found = projectClass(root, files, dotted);
  if (!found) return { dotted, stores: 'unknown' };
  const kinds = found.bases.map((base) => {
    const module = moduleOf(base, found.source);
    if (module && REMOTE_STORAGE_MODULE.test(module)) return 'remote';
    if (module && LOCAL_STORAGE_MODULE.test(module)) return 'local';
    return 'unknown';
  });
  const stores = kinds.includes('remote') ? 'remote' : kinds.includes('local') ? 'local' : 'unknown';
  return { dotted, stores, file: found.file, line: found.line };
}

/** A dotted path into the project's own code rather than an installed package's. */
function isProjectPath(dotted: string): boolean {
  return !/^(django|whitenoise|storages|cloudinary_storage)\./.test(dotted);
}

export function readStaticServing(root: string, files: string[], middleware: readonly unknown[], staticStorage?: unknown): StaticServing {
  const fileSet = new Set(files);
  const own = middleware.filter((m): m is string => typeof m === 'string' && isProjectPath(m));
  return {
    wsgiWrappers: wsgiWrappers(root, files),
    whitenoiseSubclasses: own.filter((m) => subclassesWhiteNoise(root, fileSet, m)),
    ...(typeof staticStorage === 'string' && staticStorage.includes('.') && isProjectPath(staticStorage) && { projectStorage: storageOf(root, fileSet, staticStorage) }),
  };
}
