/**
 * What the user sees when a command fails: one line and an exit code. JavaScript's own messages
 * ("Invalid string length", "Cannot read properties of undefined") say nothing to a Django developer,
 * and a SyntaxError from JSON.parse quotes the text it choked on, which may be a secret: they never
 * reach the output unless IMPLANTA_DEBUG asks for them.
 */
import { lastProjectFileRead } from '../core/input-trail.js';
import { ImplantaError } from '../core/errors.js';

export interface Failure {
  line: string;
  exitCode: 2 | 3 | 4;
}

/** V8 running out of room for a string, an array or the stack: the input was too big, not implanta wrong. */
const EXHAUSTION = /^(Invalid string length|Invalid array length|Invalid typed array length|Maximum call stack size exceeded|Array buffer allocation failed)/;

export function describeFailure(error: unknown, debug = false): Failure {
  if (error instanceof ImplantaError) return { line: `implanta: ${error.message}`, exitCode: error.exitCode };
  const stack = debug && error instanceof Error ? `\n${error.stack}` : '';
  if (error instanceof RangeError && EXHAUSTION.test(error.message)) {
    const file = lastProjectFileRead();
    const where = file ? ` (the last file read was ${file})` : '';
    return {
      line: `implanta: the project is larger or more deeply nested than implanta can check${where}: shorten or split that file, or run the check without it${stack}`,
      exitCode: 2,
    };
  }
  // A bug, not the user's input: its kind only, and the message and stack on request.
  const kind = error instanceof Error ? error.name : typeof error;
  const detail = debug ? `${stack || `\n${String(error)}`}` : ' (run again with IMPLANTA_DEBUG=1 for the details, and report them)';
  return { line: `implanta: internal error: a bug in implanta, not in your project (${kind})${detail}`, exitCode: 4 };
}
