import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** What a guarded read of one file found: its bytes, or why it was not read. */
export type RegularFileRead =
  | { bytes: Buffer }
  | { notRegular: 'a FIFO' | 'a device' | 'a folder' | 'a socket' }
  /** Its size when it was larger from the start; undefined when it grew past the cap while read. */
  | { tooLarge: number | undefined };

/**
 * The bytes of `path` when it is a regular file of at most `max` bytes, without waiting on a FIFO or
 * reading a device. A file anything else could have put in place reads this way: the project's files
 * (project/project-file.ts), and implanta's own caches, which other code of the user's (a project's
 * tests) could replace with a FIFO or a link to /dev/zero. fs errors (ENOENT…) are thrown as Node's.
 */
export function readRegularFile(path: string, max: number): RegularFileRead {
  // O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { notRegular: stat.isFIFO() ? 'a FIFO' : stat.isCharacterDevice() || stat.isBlockDevice() ? 'a device' : stat.isDirectory() ? 'a folder' : 'a socket' };
    if (stat.size > max) return { tooLarge: stat.size };
    // Read at most max + 1 bytes: a file growing while read is still capped.
    const buffer = Buffer.alloc(Math.min(stat.size, max) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > max) return { tooLarge: undefined };
      if (length === buffer.length) break;
    }
    return { bytes: buffer.subarray(0, length) };
  } finally {
    closeSync(fd);
  }
}
