/**
 * Control flow the evaluator models with JS exceptions. They never escape `evaluateSettings`: each is
 * caught by the statement that gives it meaning (try/except, a loop, the module's top level).
 */
import { Unknown } from '../python-value.js';

/**
 * The base of them all: the evaluated program's control flow, not a failure of implanta, so no stack
 * trace is taken. A settings file can throw one per loop iteration or call, and capturing the stack
 * cost more than the step that threw it.
 */
export class Signal extends Error {
  constructor(message?: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
}

/** Python would raise here, for certain: `os.environ['X']` with X unset, an ImportError, a `raise`. */
export class PyRaise extends Signal {
  constructor(
    /** The exception class, by its last name: KeyError, ImproperlyConfigured, ModuleNotFoundError. */
    readonly exception: string,
    /** For the user, never holding a secret: "os.environ['X'] is not set: the app would not boot". */
    readonly reason: string,
    readonly file: string,
    readonly line: number,
    /** A `raise`/`assert` the settings wrote themselves: that path of the module is abandoned. */
    readonly explicit = false,
  ) {
    super(reason);
  }

  toUnknown(): Unknown {
    return new Unknown(this.reason, this.file, this.line);
  }
}

export class BreakSignal extends Signal {}
export class ContinueSignal extends Signal {}

/** A break/continue under a condition that cannot be decided: the loop's effect cannot be followed. */
export class UnknowableLoop extends Signal {}

/**
 * Exception classes by their last name, with the bases a handler may name. Django's
 * ImproperlyConfigured and decouple's UndefinedValueError derive straight from Exception.
 */
const BASES: Record<string, string[]> = {
  ModuleNotFoundError: ['ImportError'],
  KeyError: ['LookupError'],
  IndexError: ['LookupError'],
  ZeroDivisionError: ['ArithmeticError'],
  FileNotFoundError: ['OSError', 'IOError', 'EnvironmentError'],
  UnicodeDecodeError: ['ValueError'],
};

/** Whether `except <handler>` catches `raised`. */
export function catches(handler: string, raised: string): boolean {
  if (handler === raised || handler === 'Exception' || handler === 'BaseException') return true;
  return (BASES[raised] ?? []).includes(handler);
}

/** Stands for "some exception we cannot name", e.g. from a call into code we do not run. */
export const ANY_EXCEPTION = '*';

/**
 * Whether a handler may catch an exception that may or may not be raised. An unnamed one is not
 * taken to be an ImportError: `try: from .local import * / except ImportError` must not turn every
 * setting of local.py unknown because local.py calls a function we do not run.
 */
export function mayCatch(handler: string, raised: string): boolean {
  if (raised !== ANY_EXCEPTION) return catches(handler, raised);
  return handler !== 'ImportError' && handler !== 'ModuleNotFoundError';
}
