/**
 * Run from source (tsx, the tests), a command is its module, src/cli/NAME.ts. The build swaps this
 * file for command-modules.bundled.ts, which runs the command's bundle with V8's code cache.
 */
export function loadCommandModule<T>(name: string): Promise<T> {
  return import(`./${name}.js`) as Promise<T>;
}
