import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as vm from 'node:vm';
import * as errors from '../core/errors.js';
import * as inputTrail from '../core/input-trail.js';
import * as standardStreams from './standard-streams.js';
import { readRegularFile } from '../core/regular-file.js';
import * as v8Flags from '../core/v8-flags.js';
import { SHORT_RUNS } from './short-runs.js';

/**
 * Modules the launcher and the bundles must share one instance of: the error classes (the launcher's
 * `instanceof ImplantaError` decides exit 2 or 3 against 4) and the input trail (the last project file
 * read, which the launcher names when a command runs out of memory) and the V8 flags a run set (put
 * back to those the bundle was compiled under before a code cache is written), and where standard output
 * and error go (standard-streams.ts: a program running a command in-process may capture them). A bundle asks for them as
 * `require('implanta-shared:PATH')` (scripts/build.mjs reads this table) and gets these.
 */
const SHARED_MODULES: Record<string, unknown> = {
  'src/core/errors.ts': errors,
  'src/core/input-trail.ts': inputTrail,
  'src/core/v8-flags.ts': v8Flags,
  'src/cli/standard-streams.ts': standardStreams,
};

/** Set by scripts/build.mjs: each command's bundle in dist/commands/, named with a hash of its content. */
declare const IMPLANTA_COMMAND_FILES: Record<string, string>;

/**
 * The built CLI's command loader (scripts/build.mjs puts it in place of command-modules.ts). Each
 * command is one CommonJS bundle, dist/commands/NAME-HASH.cjs, compiled as one script with V8's code
 * cache in ~/.cache/implanta/code-cache/NODE_VERSION-ARCH/. Node's own compile cache only keeps the
 * code V8 compiled while loading a module, before it ran; most of a command's functions are compiled
 * lazily, on their first call, and were compiled again on every run (a quarter of `implanta check`'s
 * instructions). This cache is written when the process exits, so it holds every function the run
 * compiled, and the next run deserialises them instead. NODE_DISABLE_COMPILE_CACHE=1 turns it off; a
 * cache V8 refuses (another Node, other V8 flags) is written again; one that cannot be written only
 * means no cache. A run that loaded the Python parser (a file not in the parse cache) compiled the
 * parser's code too, which most runs never call: its cache is named NAME.parser.bin, read only when
 * there is no NAME.bin, and the next run without the parser writes NAME.bin in its place.
 */
export function loadCommandModule<T>(name: string): Promise<T> {
  const fileName = IMPLANTA_COMMAND_FILES[name];
  if (!fileName) return Promise.reject(new Error(`no bundle for command ${name}`));
  // Set before the bundle compiles: V8 keys a code cache to the flags in force.
  if (SHORT_RUNS.has(name)) v8Flags.useBaselineTiersOnly();
  const file = fileURLToPath(new URL(`./commands/${fileName}`, import.meta.url));
  // The build checks that bundles are ASCII: latin1 reads them into V8's compact one-byte strings.
  const source = readFileSync(file, 'latin1');
  const cacheFile = cachePath(fileName);
  let cached: Buffer | undefined;
  let withParser = false;
  if (cacheFile) {
    cached = readCache(cacheFile);
    if (!cached) {
      cached = readCache(parserVariant(cacheFile));
      withParser = Boolean(cached);
    }
  }
  // The file is the CommonJS wrapper function already (scripts/build.mjs), ready to compile as it is.
  const script = new vm.Script(source, {
    filename: file,
    ...(cached && { cachedData: cached }),
    // A bundle's import() of a package outside it resolves as the CLI's own would.
    ...(vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER && { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER }),
  });
  const refused = Boolean(cached) && script.cachedDataRejected === true;
  if (cacheFile && (!cached || refused || withParser)) process.once('exit', () => writeCache(script, cacheFile, fileName, Boolean(cached) && !refused));
  // IMPLANTA_TIMING=1 says what became of the cache, with the phase timings (src/cli/render.ts).
  if (process.env.IMPLANTA_TIMING) {
    const fate = !cacheFile ? 'off' : !cached ? 'none yet, written at exit' : refused ? 'refused by V8, written again at exit' : withParser ? 'used (made with the parser)' : 'used';
    process.stderr.write(`[code cache ${fileName}: ${fate}]\n`);
  }
  const module = { exports: {} as T };
  const nodeRequire = createRequire(file);
  const require = (id: string): unknown => (id.startsWith(SHARED) ? SHARED_MODULES[id.slice(SHARED.length)] : nodeRequire(id));
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, require, module, file, dirname(file));
  return Promise.resolve(module.exports);
}

const SHARED = 'implanta-shared:';

function cachePath(fileName: string): string | undefined {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const cacheHome = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cacheHome, 'implanta', 'code-cache', `${process.version}-${process.arch}`, `${fileName}.bin`);
}

const parserVariant = (cacheFile: string): string => cacheFile.replace(/\.bin$/, '.parser.bin');

/** Far above any command's cache (check's is under 1 MB). */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * A cache file, or undefined. Read as a regular file only: other code of the user's (a project's tests,
 * run by `implanta test`) could leave a FIFO or a link to /dev/zero there, and every command would hang.
 */
function readCache(path: string): Buffer | undefined {
  try {
    const read = readRegularFile(path, MAX_CACHE_BYTES);
    return 'bytes' in read ? read.bytes : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Written whole under a temporary name, then renamed: a run reading it at the same time sees all or
 * nothing. `usable`: the run had a good cache already, made with the parser; it is replaced only by a
 * run that did not load the parser.
 */
function writeCache(script: vm.Script, cacheFile: string, fileName: string, usable: boolean): void {
  try {
    // V8 keys the cache to the flags in force: those the bundle was compiled under, as every run compiles it.
    const parserLoaded = v8Flags.restoreCompileFlags();
    if (usable && parserLoaded) return;
    const target = parserLoaded ? parserVariant(cacheFile) : cacheFile;
    const folder = dirname(target);
    mkdirSync(folder, { recursive: true });
    const temporary = `${target}.${process.pid}.tmp`;
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, target);
    // The caches of this command's earlier builds, and the one this replaces, are of no more use.
    const command = fileName.slice(0, fileName.lastIndexOf('-') + 1);
    for (const old of readdirSync(folder)) {
      if (old.startsWith(command) && join(folder, old) !== target && !old.endsWith('.tmp')) rmSync(join(folder, old), { force: true });
    }
  } catch {
    // A cache that cannot be written only means no cache.
  }
}
