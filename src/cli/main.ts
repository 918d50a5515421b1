import { enableCompileCache } from './compile-cache.js';
import { describeFailure } from './failure.js';
import { toolVersion } from '../core/version.js';
import { commands } from './commands.js';
import { SHORT_RUNS } from './short-runs.js';
import { ignoreBrokenPipes, writeStderr, writeStdout } from './standard-streams.js';

enableCompileCache();

const USAGE = `implanta — deploy a Django app to Heroku safely

Usage: implanta <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`)
  .join('\n')}

Run \`implanta <command> --help\` for a command's options.
`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    writeStdout(USAGE);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    writeStdout(`implanta ${toolVersion()}\n`);
    return 0;
  }
  const entry = commands[name];
  if (!entry) {
    writeStderr(`implanta: unknown command '${name}' (see \`implanta --help\`)\n`);
    return 2;
  }
  const command = await entry.load();
  // The short commands print through writeStdout (standard-streams.ts); the others as they go.
  if (!SHORT_RUNS.has(name)) ignoreBrokenPipes();
  if (rest.includes('--help') || rest.includes('-h')) {
    writeStdout(command.help);
    return 0;
  }
  return command.run(rest);
}

// No top-level await: the built launcher is a CommonJS file (scripts/build.mjs), which starts faster
// than an ES module: Node's ES loader and its fs facade (which loads the stream modules) stay unloaded.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // A short command is done when its promise settles (src/cli/short-runs.ts). Only on Linux, where
    // Node writes to a terminal, a pipe or a file synchronously, so nothing printed can be cut off.
    if (SHORT_RUNS.has(process.argv[2] ?? '') && process.platform === 'linux') process.exit();
  },
  (error: unknown) => {
    const failure = describeFailure(error, Boolean(process.env.IMPLANTA_DEBUG));
    writeStderr(`${failure.line}\n`);
    process.exitCode = failure.exitCode;
  },
);
