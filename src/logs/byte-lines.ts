import { readSync } from 'node:fs';

/** Whoever takes the lines: each is bytes[start, end) of `bytes`, without its line break. */
export interface ByteLineSink {
  addLine(bytes: Buffer, start: number, end: number): void;
}

/** Bytes read at a time, and the longest line kept whole (Logplex cuts lines far shorter). */
export const CHUNK_BYTES = 1 << 20;

const NEWLINE = 10;
const CR = 13;

/**
 * Splits a byte stream into lines without decoding it, in one fixed buffer: the unfinished line at the
 * end of a read moves to the front and the next read lands after it. Memory stays at one buffer
 * whatever the size of the log; a line longer than the buffer is cut at its length (the rest up to the
 * next line break is dropped), so a log without line breaks cannot grow it either.
 */
export class LineSplitter {
  private readonly buffer: Buffer;
  /** Bytes [0, filled) are read and not yet handed out: the start of an unfinished line. */
  private filled = 0;
  /** Inside an over-long line that was already handed out: drop bytes until its line break. */
  private dropping = false;

  constructor(
    private readonly sink: ByteLineSink,
    size = CHUNK_BYTES,
  ) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  /**
   * Reads a whole file (an open descriptor) into the sink, straight into the buffer. Synchronous reads:
   * nothing else runs meanwhile, and each asynchronous read would wait its turn in libuv's thread pool,
   * a thousand times for a 1 GB log.
   */
  readFile(fd: number): void {
    for (;;) {
      const bytesRead = readSync(fd, this.buffer, this.filled, this.buffer.length - this.filled, null);
      if (bytesRead === 0) break;
      this.commit(bytesRead);
    }
    this.end();
  }

  /** Reads a stream (standard input, an HTTP body) into the sink, a copy of each chunk through the buffer. */
  async readStream(chunks: AsyncIterable<Uint8Array>): Promise<void> {
    for await (const chunk of chunks) this.push(chunk);
    this.end();
  }

  push(chunk: Uint8Array): void {
    let offset = 0;
    while (offset < chunk.length) {
      const n = Math.min(chunk.length - offset, this.buffer.length - this.filled);
      this.buffer.set(chunk.subarray(offset, offset + n), this.filled);
      offset += n;
      this.commit(n);
    }
  }

  /** The last line, when the log does not end with a line break. */
  end(): void {
    if (this.filled > 0 && !this.dropping) this.deliver(this.buffer, 0, this.filled);
    this.filled = 0;
    this.dropping = false;
  }

  /** `n` more bytes are in the buffer after the unfinished line: hand out every line they complete. */
  private commit(n: number): void {
    const total = this.filled + n;
    // A view ending at the data read, so that searching for a line break never runs into stale bytes.
    const bytes = this.buffer.subarray(0, total);
    let start = 0;
    if (this.dropping) {
      const nl = bytes.indexOf(NEWLINE, this.filled);
      if (nl < 0) {
        this.filled = 0;
        return;
      }
      this.dropping = false;
      start = nl + 1;
    }
    const sink = this.sink;
    for (let nl = bytes.indexOf(NEWLINE, Math.max(start, this.filled)); nl >= 0; nl = bytes.indexOf(NEWLINE, start)) {
      sink.addLine(bytes, start, nl > start && bytes[nl - 1] === CR ? nl - 1 : nl);
      start = nl + 1;
    }
    if (start === 0 && total === this.buffer.length) {
      // One line fills the whole buffer: hand out what fits, drop the rest of it.
      this.deliver(bytes, 0, total);
      this.dropping = true;
      this.filled = 0;
      return;
    }
    this.buffer.copyWithin(0, start, total);
    this.filled = total - start;
  }

  private deliver(bytes: Buffer, start: number, end: number): void {
    this.sink.addLine(bytes, start, end > start && bytes[end - 1] === CR ? end - 1 : end);
  }
}
