import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

interface Reader {
  data(chunk: Buffer): void;
  end(): void;
}

/**
 * The output of one build or release phase, as Heroku serves it at `output_stream_url`: readers that come
 * while it runs get each chunk as it is written, readers that come late get all of it. The text is also
 * kept in a file, so a finished stream still answers after the platform restarts.
 */
export class OutputLog {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private ended: boolean;
  private readonly readers = new Set<Reader>();

  constructor(
    private readonly file: string,
    existing?: Buffer,
  ) {
    if (existing) {
      this.chunks.push(existing);
      this.size = existing.length;
      this.ended = true;
    } else {
      writeFileSync(file, '');
      this.ended = false;
    }
  }

  get done(): boolean {
    return this.ended;
  }

  get length(): number {
    return this.size;
  }

  write(text: string): void {
    if (this.ended || text === '') return;
    const chunk = Buffer.from(text, 'utf8');
    this.chunks.push(chunk);
    this.size += chunk.length;
    appendFileSync(this.file, chunk);
    for (const reader of this.readers) reader.data(chunk);
  }

  line(text = ''): void {
    this.write(`${text}\n`);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const reader of this.readers) reader.end();
    this.readers.clear();
  }

  /** Everything written from byte `from` on. */
  read(from = 0): Buffer {
    return Buffer.concat(this.chunks).subarray(from);
  }

  /** What is there from byte `from`, then each new chunk, then the end; returns the unsubscribe. */
  follow(from: number, reader: Reader): () => void {
    const past = this.read(from);
    if (past.length > 0) reader.data(past);
    if (this.ended) {
      reader.end();
      return () => undefined;
    }
    this.readers.add(reader);
    return () => this.readers.delete(reader);
  }
}

/** The output logs by id, each in `<dir>/<id>.log`. */
export class OutputLogs {
  private readonly logs = new Map<string, OutputLog>();

  constructor(private readonly dir: string) {}

  create(id: string): OutputLog {
    const log = new OutputLog(this.path(id));
    this.logs.set(id, log);
    return log;
  }

  /** A log written in this run, or a finished one from an earlier run. */
  get(id: string): OutputLog | undefined {
    const known = this.logs.get(id);
    if (known) return known;
    if (!/^[\w-]+$/.test(id) || !existsSync(this.path(id))) return undefined;
    const log = new OutputLog(this.path(id), readFileSync(this.path(id)));
    this.logs.set(id, log);
    return log;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  private path(id: string): string {
    return `${this.dir}/${id}.log`;
  }
}
