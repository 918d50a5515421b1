/**
 * Commands that read a project, print a report and end, in well under a second on most projects. Two
 * things follow. V8's optimising compilers only cost them (src/core/v8-flags.ts; the loader turns them
 * off before the bundle compiles). And the process may end the moment the command's promise settles:
 * nothing they start outlives them, so Node's teardown of the heap, page by page, is time for nothing
 * (src/cli/main.ts). The long ones (local, logs, size, deploy) keep V8's defaults and end as Node does.
 */
export const SHORT_RUNS: ReadonlySet<string> = new Set(['check', 'migrations', 'versions']);
