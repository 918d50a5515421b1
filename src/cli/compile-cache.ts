import module from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * V8's compile cache (Node 22.1+): the bundle's chunks are parsed and compiled once, and later runs
 * load the code from `~/.cache/implanta/compile-cache` (one folder per Node version, which Node
 * manages). Called before any command loads, so every command's chunks are covered. On Node 20 it
 * does not exist and nothing happens; NODE_COMPILE_CACHE still picks another folder, and
 * NODE_DISABLE_COMPILE_CACHE=1 turns it off. A folder it cannot write only means no cache.
 */
export function enableCompileCache(): void {
  const enable = (module as { enableCompileCache?: (directory?: string) => unknown }).enableCompileCache;
  if (!enable) return;
  const cacheHome = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  try {
    enable(process.env.NODE_COMPILE_CACHE || join(cacheHome, 'implanta', 'compile-cache'));
  } catch {
    // Never let a cache stop the command.
  }
}
