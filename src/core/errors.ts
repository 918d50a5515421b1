/**
 * Errors a user can act on. The CLI prints `message` as one line and exits with `exitCode`;
 * anything else that escapes is a bug and is reported as such.
 */
export class ImplantaError extends Error {
  constructor(
    message: string,
    readonly exitCode: 2 | 3,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad input or usage: an unreadable project, a malformed file or flag. Exit code 2. */
export class InputError extends ImplantaError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** The platform could not be reached, failed, or refused the credentials. Exit code 3. */
export class PlatformError extends ImplantaError {
  constructor(message: string) {
    super(message, 3);
  }
}
