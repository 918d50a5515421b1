/**
 * The V8 flags implanta sets at run time. Both kinds are set before the code they are for runs, and a
 * code cache is keyed by the flags in force: every run compiles its command's bundle with the same
 * ones (the short commands with the first kind, all without the second), so the loader
 * (src/cli/command-modules.bundled.ts) puts back that state before it writes a cache at exit. One
 * instance in the launcher and the bundles (its SHARED_MODULES), so the loader knows what was set.
 * `node:v8` is looked up when first needed, never imported: an import would load it (and the modules
 * it brings, a few milliseconds) with the launcher.
 */
let baselineTiers = false;
let wasmBaseline = false;

const setFlags = (flags: string): void => process.getBuiltinModule('node:v8').setFlagsFromString(flags);

/**
 * Interpreter and Sparkplug's baseline code only, no Maglev or TurboFan. In a run of a few hundred
 * milliseconds the optimising compilers work on background threads for code that has finished by the
 * time they are done: `implanta check` of the example spent a tenth of its CPU time there. Measured
 * on the example and on a 1,500-assignment settings module with a 20,000-step loop: less CPU on both,
 * and the same or less wall time. For the short commands only (the loader's SHORT_RUNS), set before
 * their bundle compiles. Not --max-opt=1, which V8 reads only at start: set at run time, it changes
 * nothing.
 */
export function useBaselineTiersOnly(): void {
  if (baselineTiers) return;
  baselineTiers = true;
  setFlags('--no-maglev --no-turbofan');
}

/**
 * For a run that loads the Python parser (a file not in the parse cache). Liftoff's baseline code
 * parses a settings file in microseconds; without these flags V8 also optimises the 450 KB grammar
 * with TurboFan on background threads, and the process waits for that work at exit. Set at run time,
 * --liftoff-only alone no longer stops the tier-up on Node 24 (V8 13): tiering is turned off by name
 * too. Such a run is a longer one, and the parser's JavaScript side is called once per syntax node
 * when a tree is frozen (src/project/settings/frozen-tree.ts): the optimising tiers come back for it.
 */
export function useWasmBaselineOnly(): void {
  if (wasmBaseline) return;
  wasmBaseline = true;
  setFlags(`--liftoff-only --no-wasm-tier-up --no-wasm-dynamic-tiering${baselineTiers ? ' --maglev --turbofan' : ''}`);
}

/**
 * The flags the bundle was compiled under, before a code cache is written. True when this run had
 * changed them, that is when it loaded the parser.
 */
export function restoreCompileFlags(): boolean {
  if (!wasmBaseline) return false;
  wasmBaseline = false;
  setFlags(`--no-liftoff-only --wasm-tier-up --wasm-dynamic-tiering${baselineTiers ? ' --no-maglev --no-turbofan' : ''}`);
  return true;
}
