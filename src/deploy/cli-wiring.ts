import { runCheck } from '../check/run-check.js';
import { secretValues } from '../check/secrets.js';
import { ImplantaError, PlatformError } from '../core/errors.js';
import { atOrAbove, type Severity } from '../core/finding.js';
import { Redactor } from '../core/redact.js';
import { djangoDefault } from '../django/defaults.js';
import { resolveToken } from '../heroku/auth.js';
import type { HerokuClient } from '../heroku/client.js';
import { resolveClient } from '../heroku/resolve.js';
import type * as Heroku from '../heroku/schema-extensions.js';
import { loadDeployConfig } from './config.js';
import { deploy, type DeployResult } from './deploy.js';
import { expectedHeaders } from './expected-headers.js';
import { appPath } from './follow.js';
import type { ChecksSummary } from './gates.js';
import { repoRoot } from './git.js';
import type { ExpectedHeaders } from './smoke.js';
import type { Progress } from './steps.js';

/** What a command that works on one app holds: the client, the token git needs, and a redactor for all it prints. */
export interface AppAccess {
  client: HerokuClient;
  token: string;
  /** Masks the token and the app's config-var values (and the secret parts of URLs among them). */
  redactor: Redactor;
  /** The app as the platform describes it; absent when it could not be read and the caller tolerates that. */
  app?: Heroku.App;
}

/**
 * Connects as the Heroku CLI would (--api-url, else IMPLANTA_API_URL; HEROKU_API_KEY, else ~/.netrc) and
 * reads the app and its config vars at once: the values are what the redactor must know before anything
 * about the app is printed (with `otherSecrets`, values of the caller's own). With `tolerateUnreachable`,
 * a platform that does not answer leaves a redactor of the token and those alone, so that the caller can
 * report the failure its own way (the deploy's platform gate).
 */
export async function openApp(appName: string, options: { apiUrl?: string; tolerateUnreachable?: boolean; otherSecrets?: string[] } = {}): Promise<AppAccess> {
  const client = resolveClient({ ...(options.apiUrl && { apiUrl: options.apiUrl }) });
  const token = resolveToken({ host: new URL(client.baseUrl).hostname });
  const known = [token, ...(options.otherSecrets ?? [])];
  const withoutApp = new Redactor(known);
  try {
    const [app, configVars] = await Promise.all([client.get<Heroku.App>(appPath(appName)), client.get<Heroku.ConfigVars>(appPath(appName, '/config-vars'))]);
    const values = Object.fromEntries(Object.entries(configVars ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
    return { client, token, app, redactor: new Redactor([...known, ...secretValues(values)]) };
  } catch (error) {
    if (error instanceof ImplantaError) error.message = withoutApp.redact(error.message);
    if (options.tolerateUnreachable && error instanceof PlatformError) return { client, token, redactor: withoutApp };
    throw error;
  }
}

export interface CheckedDeployOptions extends Progress {
  /** The project folder, inside the repository that is deployed. */
  dir: string;
  app: string;
  apiUrl?: string;
  /** The checks gate fails on a finding at or above this level. */
  failLevel: Severity | 'none';
  /** Deploy this branch instead of .implanta.json's (default production). */
  branch?: string;
  dryRun?: boolean;
  runTests?: boolean;
  test?: { command?: string; python?: string; env?: Record<string, string> };
  breakLock?: boolean;
  force?: boolean;
  allowIncompatibleMigrations?: boolean;
  watchSeconds?: number;
}

export interface CheckedDeploy {
  /** Already redacted. */
  result: DeployResult;
  redactor: Redactor;
  /** Where the app answers, to open once it is deployed. */
  webUrl?: string;
  /** What the smoke test held the answers to, learned from the settings by the checks gate. */
  expect: ExpectedHeaders;
}

/**
 * `implanta deploy` wired to the platform and to `implanta check --app`: the checks gate runs the check on
 * the project with the app's config vars, and the same evaluation of the settings says which security
 * headers and redirect the smoke test must see. Every step and output line reaches the callbacks
 * redacted. `implanta upgrade --deploy` goes through here too.
 */
export async function checkedDeploy(options: CheckedDeployOptions): Promise<CheckedDeploy> {
  // The repository and its config first: bad input is reported before the network is asked anything.
  const repo = await repoRoot(options.dir);
  const config = loadDeployConfig(repo);
  // The tests of --run-tests print through the same redactor: their environment is secret too.
  const otherSecrets = secretValues(options.test?.env ?? {});
  const access = await openApp(options.app, { ...(options.apiUrl && { apiUrl: options.apiUrl }), tolerateUnreachable: true, otherSecrets });
  const { redactor } = access;
  // deploy() reads `expect` when it smoke-tests, after the gates: the checks gate fills it in by then.
  const expect: ExpectedHeaders = {};
  const result = await deploy({
    repo,
    app: options.app,
    client: access.client,
    token: access.token,
    config: options.branch ? { ...config, branch: options.branch } : config,
    expect,
    runChecks: async () => {
      const checked = await checkProject(options);
      Object.assign(expect, checked.expect);
      return checked.summary;
    },
    ...(options.dryRun && { dryRun: true }),
    ...(options.runTests && { runTests: true }),
    ...(options.test && { test: options.test }),
    ...(options.breakLock && { breakLock: true }),
    ...(options.force && { force: true }),
    ...(options.allowIncompatibleMigrations && { allowIncompatibleMigrations: true }),
    ...(options.watchSeconds !== undefined && { watchSeconds: options.watchSeconds }),
    ...(options.onStep && { onStep: (step) => options.onStep!(redactor.redactDeep(step)) }),
    ...(options.onOutput && { onOutput: (line) => options.onOutput!(redactor.redact(line)) }),
  });
  return { result: redactor.redactDeep(result), redactor, ...(access.app?.web_url && { webUrl: access.app.web_url }), expect };
}

/** The checks gate's verdict and the smoke expectations, from one run of the check. */
async function checkProject(options: CheckedDeployOptions): Promise<{ summary: ChecksSummary; expect: ExpectedHeaders }> {
  let outcome: Awaited<ReturnType<typeof runCheck>>;
  try {
    outcome = await runCheck({ dir: options.dir, app: options.app, ...(options.apiUrl && { apiUrl: options.apiUrl }), env: {}, settingsSource: 'static', runDjango: false, hosts: [] });
  } catch (error) {
    if (!(error instanceof ImplantaError)) throw error;
    // A check that cannot run proves nothing: the gate fails, and says why.
    return { summary: { failing: 1, summary: `the check could not run: ${error.message}` }, expect: {} };
  }
  const { report, settings, django } = outcome;
  const level = options.failLevel;
  const failing = level === 'none' ? [] : report.findings.filter((f) => atOrAbove(f.severity, level));
  const { error, warning, info } = report.counts;
  const counts = `${error} error${error === 1 ? '' : 's'}, ${warning} warning${warning === 1 ? '' : 's'}, ${info} info`;
  // A summary finding (src/core/repeat-cap.ts) stands for the findings it replaced.
  const failingCount = failing.reduce((n, f) => n + (f.more?.count ?? 1), 0);
  const rules = [...new Set(failing.map((f) => f.rule))];
  const shown = rules.slice(0, 5).join(', ') + (rules.length > 5 ? `, and ${rules.length - 5} more` : '');
  const summary =
    level === 'none'
      ? `${counts} (--fail-level none)`
      : failing.length === 0
        ? `nothing at or above ${level} (${counts})`
        : `${failingCount} finding${failingCount === 1 ? '' : 's'} at or above ${level}: ${shown}`;
  const expect = expectedHeaders((name) => settings.get(name)?.value ?? djangoDefault(name, django));
  return { summary: { failing: failingCount, summary: outcome.redactor.redact(summary) }, expect };
}
