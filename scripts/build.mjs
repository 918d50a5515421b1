// `npm run build`: the CLI as dist/main.cjs (the launcher: usage, version, the command table) and one
// CommonJS bundle per command in dist/commands/, which main.cjs runs with V8's code cache
// (src/cli/command-modules.bundled.ts). Why bundles: hundreds of ES modules cost more to load than the
// checks take to run; why one per command: each has a cache of its own, and `check` never reads the
// code of `local`. See docs/architecture.md, "Speed".
import { build } from 'esbuild';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = join(root, 'dist');

// The commands are the modules src/cli/commands.ts loads by name.
const commandsSource = readFileSync(join(root, 'src/cli/commands.ts'), 'utf8');
const names = [...commandsSource.matchAll(/loadCommandModule<[^>]*>\('([\w-]+)'\)/g)].map((m) => m[1]);
if (names.length === 0) throw new Error('scripts/build.mjs: found no loadCommandModule(...) in src/cli/commands.ts');

// Modules the launcher and the bundles share one instance of (their table is in the loader).
const loaderSource = readFileSync(join(root, 'src/cli/command-modules.bundled.ts'), 'utf8');
const sharedModules = new Set([...loaderSource.matchAll(/^\s*'(src\/[\w/.-]+\.ts)': \w+,$/gm)].map((m) => m[1]));
if (sharedModules.size === 0) throw new Error('scripts/build.mjs: found no SHARED_MODULES in src/cli/command-modules.bundled.ts');
/** Modules the launcher bundles that hold no state and no class: a copy in a bundle is harmless. */
const STATELESS = new Set(['src/core/version.ts', 'src/core/package-root.ts', 'src/core/regular-file.ts']);

rmSync(dist, { recursive: true, force: true });

// The parse cache's folder is named after the parser and grammar it holds trees of
// (src/project/settings/parse-cache.ts); known here, so a run need not look them up.
const packageVersion = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
const parserVersions = `${packageVersion('web-tree-sitter')}-${packageVersion('tree-sitter-python')}`;

const shared = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  // ASCII only (non-ASCII escaped, comments dropped): V8 keeps the source as a one-byte string.
  charset: 'ascii',
  legalComments: 'none',
  metafile: true,
};

const commands = await build({
  ...shared,
  entryPoints: Object.fromEntries(names.map((name) => [name, join(root, 'src/cli', `${name}.ts`)])),
  outdir: join(dist, 'commands'),
  entryNames: '[name]-[hash]',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // pep440 is bundled too, so the code cache covers it. tree-sitter's runtime stays a package: only a
  // run with a file not in the parse cache loads it (src/project/settings/parser.ts), and 100 KB less
  // is read and kept on every other run. autocannon (the size command's load generator) stays a package.
  external: ['autocannon', 'web-tree-sitter'],
  // import.meta.url in a CommonJS bundle: the bundle's own file.
  define: { 'import.meta.url': '__implantaModuleUrl', IMPLANTA_PARSER_VERSIONS: JSON.stringify(parserVersions) },
  // The bundle is written as the function the loader compiles, so the loader hands V8 the file's text
  // as it was read: wrapping it at run time made a second 800 KB string for V8 to copy.
  banner: { js: '(function (exports, require, module, __filename, __dirname) {var __implantaModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
  footer: { js: '\n})' },
  // Minified whitespace: less to read and hash on every run; names stay, so stack traces read.
  minifyWhitespace: true,
  plugins: [
    {
      name: 'shared-with-launcher',
      setup(b) {
        b.onResolve({ filter: /^\.\.?\// }, (args) => {
          const path = join(args.resolveDir, args.path).replace(/\.js$/, '.ts');
          const relative = path.slice(root.length + 1);
          return sharedModules.has(relative) ? { path: `implanta-shared:${relative}`, external: true } : undefined;
        });
      },
    },
  ],
});

const files = {};
for (const [out, meta] of Object.entries(commands.metafile.outputs)) {
  if (!meta.entryPoint) continue;
  const name = basename(meta.entryPoint, '.ts');
  files[name] = basename(out);
}
for (const name of names) if (!files[name]) throw new Error(`scripts/build.mjs: no bundle came out for ${name}`);

/**
 * Node flags on the launcher's #! line, so they hold from the process's start, as `implanta` runs
 * (npm links the command to this file; npm's Windows shim reads the line too). `--` ends Node's own
 * options: an `--env-file` given to implanta is implanta's (Node reads one even after the script, and
 * applies a NODE_OPTIONS the file sets). A young generation of 4 MB a half: a check of a project like
 * the example then ends before its first scavenge (two cost it some 10 ms; 2 MB still needs one), and
 * V8 reads the size only at start. Not the V8 tiers (src/core/v8-flags.ts): started without TurboFan,
 * V8 optimises on the main thread once it is turned back on (a first check, which loads the parser,
 * took 45 ms more CPU), so the short commands still turn the optimisers off at run time.
 */
const STARTUP_FLAGS = '--min-semi-space-size=4';

const launcher = await build({
  ...shared,
  entryPoints: [join(root, 'src/cli/main.ts')],
  outfile: join(dist, 'main.cjs'),
  // CommonJS, which Node loads without its ES module loader and without the fs facade that loads the
  // stream modules (see src/cli/main.ts).
  format: 'cjs',
  packages: 'external',
  define: { IMPLANTA_COMMAND_FILES: JSON.stringify(files), 'import.meta.url': '__implantaModuleUrl' },
  banner: { js: `#!/usr/bin/env -S node ${STARTUP_FLAGS} --\nvar __implantaModuleUrl = require("node:url").pathToFileURL(__filename).href;` },
  plugins: [
    {
      name: 'bundled-command-loader',
      setup(b) {
        b.onResolve({ filter: /\/command-modules\.js$/ }, (args) => ({ path: join(args.resolveDir, 'command-modules.bundled.ts') }));
      },
    },
  ],
});

// A module both in the launcher and in a bundle, neither shared nor stateless, would be two instances:
// two classes for one error, two copies of one piece of state. Say so rather than ship that.
const launcherModules = Object.keys(launcher.metafile.inputs).filter((p) => p.startsWith('src/'));
const bundledModules = new Set(Object.keys(commands.metafile.inputs));
for (const path of launcherModules) {
  if (bundledModules.has(path) && !sharedModules.has(path) && !STATELESS.has(path)) {
    throw new Error(`scripts/build.mjs: ${path} is in dist/main.cjs and in a command bundle: add it to SHARED_MODULES (src/cli/command-modules.bundled.ts) or, if it holds no state and no class, to STATELESS here`);
  }
}

// The loader reads bundles as latin1: anything else would be silently garbled.
for (const file of [join(dist, 'main.cjs'), ...Object.values(files).map((f) => join(dist, 'commands', f))]) {
  const bytes = readFileSync(file);
  const at = bytes.findIndex((b) => b > 0x7f);
  if (at >= 0) throw new Error(`scripts/build.mjs: ${file} has a non-ASCII byte at ${at}`);
}
// Runnable as it is, as npm's link makes it: the #! line's flags hold only when it is run that way.
chmodSync(join(dist, 'main.cjs'), 0o755);
writeFileSync(join(dist, 'commands', 'README'), 'Built by scripts/build.mjs: one bundle per command, run by dist/main.cjs with a V8 code cache.\n');
