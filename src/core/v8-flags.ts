import { setFlagsFromString } from 'node:v8';

/**
 * Liftoff's baseline code parses a settings file in microseconds. Without these flags V8 also
 * optimises the 450 KB tree-sitter grammar with TurboFan on background threads, and the process waits
 * for that work at exit: a third of `implanta check`'s wall time, for code that has already finished.
 * Set at run time, --liftoff-only alone no longer stops the tier-up on Node 24 (V8 13): tiering is
 * turned off by name too, which measured the same as `node --liftoff-only` there and changes nothing
 * on Node 20 and 22.
 *
 * The built CLI sets them before it loads a command (src/cli/command-modules.bundled.ts): V8 refuses a
 * code cache made under other flags, so they must be the same when the cache is read as when it was
 * written. Setting them again later (the parser does, for runs from source) changes nothing.
 */
export function useWasmBaselineOnly(): void {
  setFlagsFromString('--liftoff-only --no-wasm-tier-up --no-wasm-dynamic-tiering');
}
