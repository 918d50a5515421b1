import { enableCompileCache } from './compile-cache.js';
import { ImplantaError } from '../core/errors.js';
import { toolVersion } from '../core/version.js';
import { commands } from './commands.js';

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
    process.stdout.write(USAGE);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write(`implanta ${toolVersion()}\n`);
    return 0;
  }
  const entry = commands[name];
  if (!entry) {
    process.stderr.write(`implanta: unknown command '${name}' (see \`implanta --help\`)\n`);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.help);
    return 0;
  }
  return command.run(rest);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof ImplantaError) {
    process.stderr.write(`implanta: ${error.message}\n`);
    process.exitCode = error.exitCode;
  } else {
    // A bug, not the user's input: one line, and the stack only on request.
    const detail = process.env.IMPLANTA_DEBUG ? `\n${(error as Error).stack}` : ' (set IMPLANTA_DEBUG=1 for the stack trace)';
    process.stderr.write(`implanta: internal error: ${(error as Error).message}${detail}\n`);
    process.exitCode = 4;
  }
}
