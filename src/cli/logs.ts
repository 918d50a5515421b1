import { closeSync, createReadStream, openSync } from 'node:fs';
import { InputError, PlatformError } from '../core/errors.js';
import { Redactor } from '../core/redact.js';
import { toolVersion } from '../core/version.js';
import { resolveToken } from '../heroku/auth.js';
import { errorCodeData } from '../logs/error-codes.js';
import { splitLogLine } from '../logs/line.js';
import { openLogSession, readLogSession } from '../logs/log-session.js';
import { LineSplitter } from '../logs/byte-lines.js';
import { forEachLine } from '../logs/read-lines.js';
import { redactLineQueries } from '../logs/redact-path.js';
import { summaryText } from '../logs/render.js';
import { LogSummarizer } from '../logs/summary.js';
import { parseChoice, parseCommandArgs } from './args.js';
import type { Command } from './command.js';

export const logsCommand: Command = {
  help: `Usage: implanta logs -a APP [options]
       implanta logs --file FILE [options]     (FILE - reads standard input)

Reads an app's log as \`heroku logs\` does (a log session of the Platform API), or saved \`heroku logs\`
output, and prints it, or with --summary says what it shows: requests and their statuses, each Heroku
error code (H10, H12…, R14, R15…) with its count, meaning and fix, crashes and exit statuses, service
time percentiles (p50, p95, p99), the slowest paths, errors per dyno, and the time the log covers.
Only heroku[router] lines are requests; a router line without a status is counted as malformed.
A summary streams the log in fixed memory, so a file of any size can be summarised.
Query strings in paths and the app's config-var values are masked in everything printed.

Options:
  -a, --app APP         the Heroku app
  -t, --tail            keep reading new lines until Ctrl-C (not with --summary)
  -n, --num N           recent lines to start with (default 100, at most 1500)
  -s, --source SOURCE   only app (the app's own output) or heroku (router and dyno manager) lines
  -d, --dyno DYNO       only one dyno (web.1) or process type (web)
  --file FILE           read saved log output instead (- for standard input)
  --summary             print the summary instead of the lines
  --api-url URL         Platform API base URL (default https://api.heroku.com; env IMPLANTA_API_URL)
  --format FORMAT       text (default) or json (with --summary)

Exit codes: 0 read; 2 bad input (unreadable file, bad flag); 3 the platform could not be reached.

Examples:
  implanta logs -a hollow --tail
  implanta logs -a hollow --num 1500 --source heroku --summary
  heroku logs -a hollow -n 1500 > today.log && implanta logs --file today.log --summary --format json
  zcat drain-2026-12-01.log.gz | implanta logs --file - --summary
`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('logs', argv, {
      app: { type: 'string', short: 'a' },
      tail: { type: 'boolean', short: 't' },
      num: { type: 'string', short: 'n' },
      source: { type: 'string', short: 's' },
      dyno: { type: 'string', short: 'd' },
      file: { type: 'string' },
      summary: { type: 'boolean' },
      'api-url': { type: 'string' },
      format: { type: 'string' },
    });
    if (positionals.length > 0) throw new InputError(`unexpected argument ${positionals[0]} (see \`implanta logs --help\`)`);
    const format = parseChoice('--format', values.format, ['text', 'json'] as const, 'text');
    const source = values.source === undefined ? undefined : parseChoice('--source', values.source, ['app', 'heroku'] as const, 'app');
    if (format === 'json' && !values.summary) throw new InputError('--format json prints the summary: add --summary');
    if (values.tail && values.summary) throw new InputError('--summary needs a log that ends: drop --tail, or use --num');
    if (values.file !== undefined && values.app) throw new InputError('read either an app (-a APP) or a file (--file FILE), not both');
    if (values.file !== undefined && values.tail) throw new InputError('--tail follows an app: use -a APP');
    if (values.file === undefined && !values.app) throw new InputError('say which log: -a APP, or --file FILE (see `implanta logs --help`)');
    const num = parseNum(values.num);
    const filter = { ...(source && { source }), ...(values.dyno && { dyno: values.dyno }) };

    const summarizer = values.summary ? new LogSummarizer() : undefined;
    let redactor: Redactor;
    let feed: (onLine: (line: string) => void) => Promise<void>;
    // A whole file is summarised from its bytes as read, no line strings: the 1 GB case (bench/logs.ts).
    let feedBytes: ((sink: LogSummarizer) => Promise<void>) | undefined;
    if (values.file !== undefined) {
      redactor = new Redactor(knownToken());
      feed = (onLine) => readFile(values.file!, onLine);
      if (!filter.source && !filter.dyno) feedBytes = (sink) => readFileBytes(values.file!, sink);
    } else {
      // Loaded only for an app: a file's summary starts without the deploy and check code (bench/logs.ts).
      const { openApp } = await import('../deploy/cli-wiring.js');
      const access = await openApp(values.app!, { ...(values['api-url'] && { apiUrl: values['api-url'] }) });
      redactor = access.redactor;
      const url = await openLogSession(access.client, values.app!, { lines: num, ...(values.tail && { tail: true }), ...(source && { source }), ...(values.dyno && { dyno: values.dyno }) });
      const stop = new AbortController();
      process.once('SIGINT', () => stop.abort());
      // A reader that went away (`--tail | grep -m1 H12`) ends the session as Ctrl-C does.
      process.stdout.once('error', () => stop.abort());
      feed = (onLine) => readLogSession(url, onLine, { signal: stop.signal });
    }

    const keep = (line: string) => matches(line, filter);
    if (summarizer) {
      if (feedBytes) await feedBytes(summarizer);
      else await feed((line) => keep(line) && summarizer.add(line));
      const summary = redactor.redactDeep(summarizer.result());
      const data = errorCodeData();
      if (format === 'json') {
        const from = values.file !== undefined ? { file: values.file } : { app: values.app };
        process.stdout.write(JSON.stringify({ tool: 'implanta', version: toolVersion(), ...from, error_codes_as_of: data.as_of, ...summary }, null, 2) + '\n');
      } else {
        process.stdout.write(summaryText(summary, data.as_of));
      }
      return 0;
    }
    await feed((line) => {
      if (keep(line)) process.stdout.write(redactor.redact(redactLineQueries(line)) + '\n');
    });
    return 0;
  },
};

function parseNum(value: string | undefined): number {
  if (value === undefined) return 100;
  const num = Number(value);
  if (!Number.isInteger(num) || num < 0 || num > 1500) throw new InputError(`--num ${value}: expected a whole number from 0 to 1500 (Heroku keeps 1,500 lines)`);
  return num;
}

/** The platform filters a session by source and dyno; a file is filtered here, the same way. */
function matches(raw: string, filter: { source?: string; dyno?: string }): boolean {
  if (!filter.source && !filter.dyno) return true;
  const line = splitLogLine(raw);
  if (!line) return false;
  if (filter.source && line.source !== filter.source) return false;
  if (filter.dyno && line.process !== filter.dyno && !line.process.startsWith(`${filter.dyno}.`)) return false;
  return true;
}

async function readFile(file: string, onLine: (line: string) => void): Promise<void> {
  await reading(file, () => forEachLine((file === '-' ? process.stdin : createReadStream(file, { highWaterMark: 1 << 20 })) as AsyncIterable<Buffer>, onLine));
}

/** The summary's fast path: the file's bytes read into one reused buffer, each line handed over in place. */
async function readFileBytes(file: string, sink: LogSummarizer): Promise<void> {
  const splitter = new LineSplitter(sink);
  await reading(file, async () => {
    if (file === '-') return splitter.readStream(process.stdin);
    const fd = openSync(file, 'r');
    try {
      splitter.readFile(fd);
    } finally {
      closeSync(fd);
    }
  });
}

async function reading(file: string, read: () => Promise<void>): Promise<void> {
  try {
    await read();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${file === '-' ? 'standard input' : file}: cannot read it (${code ?? (error as Error).message})`);
  }
}

/** A saved log names no app; the one secret this run surely knows is the API token, if there is one. */
function knownToken(): string[] {
  try {
    return [resolveToken()];
  } catch (error) {
    if (error instanceof PlatformError || error instanceof InputError) return [];
    throw error;
  }
}
