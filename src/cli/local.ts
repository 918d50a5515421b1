import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { parseFault, parseLatency, startLocalPlatform } from '../local/server.js';
import { parseCommandArgs } from './args.js';
import type { Command } from './command.js';

export const localCommand: Command = {
  help: `Usage: implanta local [options]

Starts, on this machine, a platform that answers like Heroku's Platform API v3, and runs what is pushed
to it, until stopped with Ctrl-C. Point any command at it with --api-url or IMPLANTA_API_URL; it
accepts any non-empty token (HEROKU_API_KEY=anything).

Options:
  --port PORT          API port on 127.0.0.1 (default 5050; 0 picks a free one)
  --data DIR           where its state lives (SQLite, git repos, slugs; default .implanta/local)
  --postgres URL       superuser URL of a PostgreSQL server: heroku-postgresql add-ons get real databases
                       there (default: none, DATABASE_URL is then a placeholder)
  --fault KIND:RATE    inject faults into API answers: 429:0.2, 500:0.1, reset:0.05 (repeatable)
  --latency DURATION   delay every API answer, e.g. 50ms
  --seed N             make the fault draws repeatable
  --python PATH        the interpreter builds and dynos use (default: the first that can import Django)
  --boot-timeout TIME  how long a web dyno has to bind $PORT before R10 (default 60s)
  --router-port PORT   the router's shared port, which routes by Host (default: a free one); each app
                       also gets a port of its own, its web_url
  --log-requests       print each request it answers: method, path, status, time (never a token);
                       IMPLANTA_LOG_REQUESTS=1 does the same

It cannot reach a certificate authority: enabling ACM marks each custom domain's certificate as
issued after a short delay, as if one had answered.

The official Heroku CLI works against it too (git push, heroku run, logs…): it prints the variables to
set at start; docs/local.md says what the CLI can and cannot do there. The API port also speaks HTTPS
with a self-signed certificate made by openssl in DIR/tls/.

Examples:
  implanta local --port 5050 --data /tmp/platform --postgres postgres://implanta:implanta@127.0.0.1:5432/postgres
  HEROKU_API_KEY=x IMPLANTA_API_URL=http://127.0.0.1:5050 implanta check --app hollow
`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('local', argv, {
      port: { type: 'string' },
      data: { type: 'string' },
      postgres: { type: 'string' },
      fault: { type: 'string', multiple: true },
      latency: { type: 'string' },
      seed: { type: 'string' },
      python: { type: 'string' },
      'boot-timeout': { type: 'string' },
      'router-port': { type: 'string' },
      'log-requests': { type: 'boolean' },
    });
    if (positionals.length > 0) throw new InputError(`unexpected argument '${positionals[0]}' (see \`implanta local --help\`)`);
    const port = Number(values.port ?? 5050);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError(`--port ${values.port}: expected a port number`);
    const seed = values.seed === undefined ? undefined : Number(values.seed);
    if (seed !== undefined && !Number.isInteger(seed)) throw new InputError(`--seed ${values.seed}: expected an integer`);
    const routerPort = values['router-port'] === undefined ? undefined : Number(values['router-port']);
    if (routerPort !== undefined && (!Number.isInteger(routerPort) || routerPort < 0 || routerPort > 65535)) {
      throw new InputError(`--router-port ${values['router-port']}: expected a port number`);
    }
    let bootTimeoutMs: number | undefined;
    try {
      bootTimeoutMs = values['boot-timeout'] === undefined ? undefined : parseLatency(values['boot-timeout']);
    } catch {
      throw new InputError(`--boot-timeout ${values['boot-timeout']}: use a duration such as 60s or 5000ms`);
    }
    const dataDir = resolve(values.data ?? '.implanta/local');
    if (existsSync(dataDir) && !statSync(dataDir).isDirectory()) throw new InputError(`--data ${values.data ?? dataDir}: is a file; give a folder for the platform's data`);
    const platform = await startLocalPlatform({
      port,
      dataDir,
      ...(values.postgres && { postgresUrl: values.postgres }),
      faults: (values.fault ?? []).map(parseFault),
      ...(values.latency && { latencyMs: parseLatency(values.latency) }),
      ...(seed !== undefined && { seed }),
      ...((values['log-requests'] || truthy(process.env.IMPLANTA_LOG_REQUESTS)) && { logRequest: (line: string) => process.stderr.write(`api ${line}\n`) }),
      run: {
        ...(values.python && { python: values.python }),
        ...(bootTimeoutMs !== undefined && { bootTimeoutMs }),
        ...(routerPort !== undefined && { routerPort }),
        onLog: (app, line) => process.stdout.write(`${app} ${line}\n`),
      },
    });
    const router = platform.runtime ? `  Router at http://127.0.0.1:${platform.runtime.router.port}/ (by Host: <app>.localhost); each app's web_url is a port of its own.\n` : '';
    const herokuCli = platform.certificatePath
      ? `  The Heroku CLI: export HEROKU_HOST=${platform.url} HEROKU_PARTICLEBOARD_URL=${platform.url} NODE_EXTRA_CA_CERTS=${platform.certificatePath} GIT_SSL_CAINFO=${platform.certificatePath}\n`
      : '';
    process.stdout.write(`implanta local: Platform API at ${platform.url}\n  export IMPLANTA_API_URL=${platform.url} HEROKU_API_KEY=local\n${herokuCli}${router}  Ctrl-C stops it.\n`);
    await new Promise<void>((done) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void platform.close().then(done);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return 0;
  },
};

function truthy(value: string | undefined): boolean {
  return value !== undefined && !['', '0', 'false', 'no'].includes(value.trim().toLowerCase());
}
