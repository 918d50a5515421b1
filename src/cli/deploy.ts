import { resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { toolVersion } from '../core/version.js';
import { checkedDeploy, type CheckedDeploy } from '../deploy/cli-wiring.js';
import { ROLLBACK_CAVEAT, summarizeSmoke } from '../deploy/rollback.js';
import type { ExpectedHeaders } from '../deploy/smoke.js';
import { parseWatchDuration } from '../deploy/watch.js';
import { readDotenvFile } from '../project/dotenv.js';
import { parseChoice, parseCommandArgs, parseFailLevel } from './args.js';
import type { Command } from './command.js';
import { gateLines, printSteps, smokeLines } from './step-lines.js';

export const deployCommand: Command = {
  help: `Usage: implanta deploy -a APP [DIR] [options]

Ships the tip of the deploy branch (production) to the Heroku app, in steps you can watch:
gates → lock → push → build → release phase → web dynos up → smoke test → (rollback + smoke test).
The gates: the branch is checked out, the tree is clean, not behind its upstream, its tip passed
\`implanta test\`, \`implanta check --app\` finds nothing at or above --fail-level, no other deploy holds
the lock, the platform answers with nothing else building, and no migration breaks the running release
while it keeps serving (preboot on, or more than one web dyno): see \`implanta migrations\`. When the
release runs migrations, DATABASE_URL is backed up with pg_dump first (.implanta.json
"backup_before_migrations": false turns that off). The smoke test requests the paths of
.implanta.json (default / and /health) through the app's web_url and expects the security headers and
the HTTPS redirect the settings promise. A release that fails it is rolled back to the one before.
A rollback restores code and config vars only: migrations, data and add-on changes stay.

Options:
  -a, --app APP         the Heroku app (required)
  --branch BRANCH       deploy this branch instead of .implanta.json's (default production)
  --dry-run             print the plan and every gate's verdict; change nothing
  --run-tests           test an untested tip now (in a worktree) instead of refusing it
  --env-file FILE       variables the tests of --run-tests run with
  --fail-level LEVEL    the checks gate fails at or above: error, warning (default), info, none
  --break-lock          break a stale lock (its process is gone, or it is older than lock_timeout_minutes)
  --watch DURATION      after the smoke test, watch the release's router and dyno log this long (90, 90s,
                        2m; default .implanta.json's watch_seconds, else 60 s; 0 turns it off) and roll
                        back when 5xx/H-codes are clearly worse than before the push, or dynos crash (R15)
  --force               replace the app's main even when the commit does not descend from it
  --allow-incompatible-migrations
                        deploy even when a migration breaks the running release (recorded in the history)
  --api-url URL         Platform API base URL (default https://api.heroku.com; env IMPLANTA_API_URL)
  --format FORMAT       text (default: each step as it runs, then a summary) or json (the result)

Exit codes: 0 deployed and smoke-tested, or already running that commit; 1 refused by a gate, or
failed (nothing changed, or rolled back); 2 bad input; 3 the platform could not be reached.

Examples:
  implanta deploy -a hollow --dry-run
  implanta deploy -a hollow --run-tests --env-file .env.test
  implanta deploy -a hollow --fail-level error --format json > deploy.json
  implanta deploy -a hollow --watch 5m
`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('deploy', argv, {
      app: { type: 'string', short: 'a' },
      branch: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'run-tests': { type: 'boolean' },
      'env-file': { type: 'string' },
      'fail-level': { type: 'string' },
      'break-lock': { type: 'boolean' },
      force: { type: 'boolean' },
      'allow-incompatible-migrations': { type: 'boolean' },
      watch: { type: 'string' },
      'api-url': { type: 'string' },
      format: { type: 'string' },
    });
    if (!values.app) throw new InputError('say which app to deploy: -a APP (see `implanta deploy --help`)');
    if (positionals.length > 1) throw new InputError('expected at most one project folder (see `implanta deploy --help`)');
    const format = parseChoice('--format', values.format, ['text', 'json'] as const, 'text');
    const failLevel = parseFailLevel(values['fail-level']);
    const watchSeconds = values.watch === undefined ? undefined : parseWatchDuration(values.watch);
    if (values.watch !== undefined && watchSeconds === undefined) throw new InputError(`--watch ${values.watch}: expected a duration such as 60, 90s or 2m (0 turns the watch off)`);
    const envFile = values['env-file'];
    const testEnv = envFile ? readDotenvFile(resolve(envFile), envFile) : undefined;
    // With --format json, standard output carries the result alone; the live steps go to stderr.
    const live = (text: string) => (format === 'json' ? process.stderr : process.stdout).write(text);
    const deployed = await checkedDeploy({
      dir: positionals[0] ?? '.',
      app: values.app,
      ...(values['api-url'] && { apiUrl: values['api-url'] }),
      failLevel,
      ...(values.branch && { branch: values.branch }),
      ...(values['dry-run'] && { dryRun: true }),
      ...(values['run-tests'] && { runTests: true }),
      ...(testEnv && { test: { env: testEnv } }),
      ...(values['break-lock'] && { breakLock: true }),
      ...(values.force && { force: true }),
      ...(values['allow-incompatible-migrations'] && { allowIncompatibleMigrations: true }),
      ...(watchSeconds !== undefined && { watchSeconds }),
      ...printSteps(live),
    });
    const { result } = deployed;
    if (format === 'json') process.stdout.write(JSON.stringify({ tool: 'implanta', version: toolVersion(), app: values.app, deploy: result }, null, 2) + '\n');
    else process.stdout.write(summary(values.app, deployed));
    return result.exitCode;
  },
};

function summary(app: string, { result, webUrl, expect }: CheckedDeploy): string {
  const lines = [''];
  if (result.outcome === 'dry-run' || result.outcome === 'refused') {
    if (result.outcome === 'dry-run') lines.push(`Plan for ${app}:`, ...result.plan.map((step, i) => `  ${i + 1}. ${step}`), '');
    lines.push('Gates:', gateLines(result.gates).trimEnd());
    const promised = describeExpect(expect);
    if (promised && result.outcome === 'dry-run') lines.push('', `The smoke test will also expect what the settings promise: ${promised}.`);
    lines.push('', result.message);
    return lines.join('\n') + '\n';
  }
  lines.push(`Deploy of ${app}: ${result.outcome}`, `  ${result.message}`);
  if (result.commit) lines.push(`  commit:  ${result.commit.slice(0, 12)}`);
  if (result.release !== undefined) lines.push(`  release: v${result.release}${result.previousRelease !== undefined ? ` (before: v${result.previousRelease})` : ''}`);
  if (webUrl) lines.push(`  open:    ${webUrl}`);
  const m = result.migrations;
  if (m?.runs.length) lines.push(`  migrations: ${m.runs.join(', ')}${m.allowed ? ` (backward-incompatible, accepted with --allow-incompatible-migrations: ${m.incompatible.join('; ')})` : ''}`);
  if (m?.backup) lines.push(`  backup:  ${'file' in m.backup ? `${m.backup.file} (${m.backup.bytes} bytes)` : `none (${m.backup.skipped})`}`);
  if (result.smoke) lines.push(`  smoke test: ${summarizeSmoke(result.smoke)}`, smokeLines(result.smoke, '    ').trimEnd());
  if (result.watch) lines.push(`  watch: ${result.watch.verdict}, ${result.watch.reason}`);
  if (result.rollback) {
    const r = result.rollback;
    lines.push(`  rollback: v${r.from.version} → code of v${r.to.version}, as v${r.release.version} (${r.release.status})${r.ok ? '' : `: ${r.problem ?? 'failed'}`}`);
    if (r.smoke) lines.push(`  smoke test after the rollback: ${summarizeSmoke(r.smoke)}`, smokeLines(r.smoke, '    ').trimEnd());
  }
  if (result.rollback || result.outcome === 'smoke-failed' || result.outcome === 'rollback-failed') lines.push(`  Note: ${ROLLBACK_CAVEAT}`);
  const durations = Object.entries(result.durations).map(([step, s]) => `${step} ${s}s`).join(', ');
  if (durations) lines.push(`  time: ${durations}`);
  return lines.join('\n') + '\n';
}

/** The settings' promises in words: "HSTS max-age=31536000, X-Frame-Options DENY, …". */
function describeExpect(expect: ExpectedHeaders): string {
  const parts: string[] = [];
  if (expect.hsts) parts.push(`HSTS max-age=${expect.hsts.seconds} (on https answers)`);
  if (expect.nosniff) parts.push('X-Content-Type-Options nosniff');
  if (expect.referrerPolicy) parts.push(`Referrer-Policy ${expect.referrerPolicy}`);
  if (expect.xFrameOptions) parts.push(`X-Frame-Options ${expect.xFrameOptions}`);
  if (expect.httpsRedirect) parts.push('a 301 from http to https');
  return parts.join(', ');
}
