import { InputError } from '../core/errors.js';
import { Redactor } from '../core/redact.js';
import { secretValues } from '../check/secrets.js';
import { readDotenvFile } from '../project/dotenv.js';
import { parseChoice, parseCommandArgs, parseEnvPairs } from './args.js';
import type { Command } from './command.js';
import { runSize, DEFAULTS } from '../size/index.js';
import { formatSizeJson, formatSizeText } from '../size/report.js';
import { resolve } from 'node:path';

export const sizeCommand: Command = {
  help: `Usage: implanta size [DIR] [options]

The guide's "release" phase: boots the Procfile's web process on this machine as a dyno would (PORT,
the environment, a fresh PostgreSQL database migrated by the release command, static files collected),
drives it with load at WEB_CONCURRENCY 1, 2, 4… while measuring memory (PSS of the whole process tree)
and latency, and says which dyno size, how many dynos and which WEB_CONCURRENCY to buy, and what they
cost. Memory figures are measurements; CPU capacity on a dyno is an estimate scaled from this machine.

Options:
  --url PATH[:WEIGHT]   a URL to load, repeatable with weights (default / and /health)
  --p95 DURATION        latency target at the 95th percentile (default ${DEFAULTS.p95Ms}ms)
  --peak-rps N          the peak the site must carry, requests per second
  --env KEY=VALUE       a variable of the app's environment (repeatable)
  --env-file FILE       variables from a .env-style file (e.g. production.env)
  -a, --app APP         use the Heroku app's config vars as the environment
  --api-url URL         Platform API base URL (default https://api.heroku.com)
  --postgres URL        PostgreSQL superuser URL: a database is created for the run and dropped after
                        (default postgres://implanta:***@127.0.0.1:5432/postgres)
  --python PATH         the project's interpreter (default: $VIRTUAL_ENV, .venv, python3, python)
  --host NAME           Host header of the requests (default: the first name in ALLOWED_HOSTS)
  --boot-timeout SECS   how long the web process may take to bind $PORT (default 60, Heroku's R10 limit)
  --step-seconds N      length of each load step (default ${DEFAULTS.stepSeconds})
  --max-workers N       the largest WEB_CONCURRENCY to measure (default ${DEFAULTS.maxWorkers})
  --plan FILE           write the release plan (Markdown) there, with SVG charts beside it
  --format FORMAT       text (default) or json

Ctrl-C stops every process it started and drops the database.

Examples:
  implanta size examples/hollow --env-file examples/hollow/production.env --python /usr/bin/python3
  implanta size --url /:3 --url /health:1 --p95 300ms --peak-rps 120 --plan release-plan.md
  implanta size -a hollow --format json
`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('size', argv, {
      url: { type: 'string', multiple: true },
      p95: { type: 'string' },
      'peak-rps': { type: 'string' },
      env: { type: 'string', multiple: true },
      'env-file': { type: 'string' },
      app: { type: 'string', short: 'a' },
      'api-url': { type: 'string' },
      postgres: { type: 'string' },
      python: { type: 'string' },
      host: { type: 'string' },
      'boot-timeout': { type: 'string' },
      'step-seconds': { type: 'string' },
      'max-workers': { type: 'string' },
      plan: { type: 'string' },
      format: { type: 'string' },
    });
    if (positionals.length > 1) throw new InputError('expected at most one project folder (see `implanta size --help`)');
    const format = parseChoice('--format', values.format, ['text', 'json'] as const, 'text');
    // The env file is read here, once, and handed on as variables: `--env-file <(heroku config -s)` is a
    // pipe, which a second read would find empty (or wait on for ever).
    const fileEnv = values['env-file'] ? readDotenvFile(resolve(values['env-file']), values['env-file']) : {};
    let env = parseEnvPairs(values.env);
    if (values.app) {
      const { resolveClient } = await import('../heroku/resolve.js');
      const configVars = await resolveClient({ ...(values['api-url'] && { apiUrl: values['api-url'] }) }).get<Record<string, string>>(`/apps/${encodeURIComponent(values.app)}/config-vars`);
      env = { ...configVars, ...env };
    }
    env = { ...fileEnv, ...env };
    const redactor = new Redactor(secretValues(env));
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      const result = await runSize({
        dir: positionals[0] ?? '.',
        env,
        ...(values.url && { urls: values.url }),
        ...(values.p95 && { p95Ms: duration('--p95', values.p95) }),
        ...(values['peak-rps'] && { peakRps: positive('--peak-rps', values['peak-rps']) }),
        ...(values.postgres && { postgresUrl: values.postgres }),
        ...(values.python && { python: values.python }),
        ...(values.host && { host: values.host }),
        ...(values['boot-timeout'] && { bootTimeoutMs: positive('--boot-timeout', values['boot-timeout']) * 1000 }),
        ...(values['step-seconds'] && { stepSeconds: positive('--step-seconds', values['step-seconds']) }),
        ...(values['max-workers'] && { maxWorkers: positive('--max-workers', values['max-workers']) }),
        ...(values.plan && { plan: values.plan }),
        onProgress: (event) => process.stderr.write(redactor.redact(`implanta size: ${event.message}\n`)),
        signal: controller.signal,
      });
      process.stdout.write(redactor.redact(format === 'json' ? formatSizeJson(result) : formatSizeText(result)));
      return result.recommendation.meets_targets ? 0 : 1;
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
  },
};

function positive(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InputError(`${flag} ${value}: expected a positive number`);
  return n;
}

function duration(flag: string, value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s)?$/.exec(value.trim());
  if (!m) throw new InputError(`${flag} ${value}: expected a duration such as 500ms or 1s`);
  return Number(m[1]) * (m[2] === 's' ? 1000 : 1);
}
