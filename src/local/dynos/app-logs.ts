/** One log line as `heroku logs` prints it: `2024-05-01T12:00:00.123456+00:00 app[web.1]: message`. */
export function logLine(at: Date, source: 'app' | 'heroku', process: string, message: string): string {
  const stamp = at.toISOString().replace(/(\.\d{3})Z$/, '$1000+00:00');
  return `${stamp} ${source}[${process}]: ${message}`;
}

type Listener = (line: string) => void;

/**
 * Each app's recent log lines (its processes' output, the dyno manager's and the router's), as Logplex
 * keeps them for `heroku logs`: a bounded ring per app, and listeners for `--tail`.
 */
export class AppLogs {
  private readonly rings = new Map<string, string[]>();
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(
    private readonly capacity = 1500,
    private readonly onLine?: (appId: string, line: string) => void,
  ) {}

  add(appId: string, source: 'app' | 'heroku', process: string, message: string): void {
    const line = logLine(new Date(), source, process, message);
    const ring = this.rings.get(appId) ?? [];
    ring.push(line);
    if (ring.length > this.capacity) ring.splice(0, ring.length - this.capacity);
    this.rings.set(appId, ring);
    this.onLine?.(appId, line);
    for (const listener of this.listeners.get(appId) ?? []) listener(line);
  }

  /** The last `count` lines, optionally only those of one source (`app`, `heroku`) or process (`web.1`, `router`). */
  recent(appId: string, count: number, filter: { source?: string; process?: string } = {}): string[] {
    const lines = (this.rings.get(appId) ?? []).filter((line) => this.matches(line, filter));
    return lines.slice(Math.max(0, lines.length - count));
  }

  matches(line: string, filter: { source?: string; process?: string }): boolean {
    const match = / (\w+)\[([^\]]+)\]: /.exec(line);
    if (!match) return false;
    if (filter.source && match[1] !== filter.source) return false;
    if (filter.process && match[2] !== filter.process && !match[2]!.startsWith(`${filter.process}.`)) return false;
    return true;
  }

  follow(appId: string, listener: Listener): () => void {
    const set = this.listeners.get(appId) ?? new Set();
    set.add(listener);
    this.listeners.set(appId, set);
    return () => set.delete(listener);
  }

  forget(appId: string): void {
    this.rings.delete(appId);
  }
}
