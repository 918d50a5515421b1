import { resolve } from 'node:path';
import { InputError, PlatformError } from '../core/errors.js';
import type { HerokuClient } from '../heroku/client.js';
import { findStack, stackData } from '../heroku/platform-data.js';
import { resolveClient } from '../heroku/resolve.js';
import type { App } from '../heroku/schema-extensions.js';
import { deployAfterUpgrade, deployFlags } from './deploy-step.js';
import type { UpgradeOptions } from './options.js';
import { upToDate, type UpgradeOutcome } from './outcome.js';

export interface StackPlan {
  app: string;
  /** The stack the running release was built on. */
  running?: string;
  /** The stack the next build will use (what `heroku stack:set` changes). */
  from?: string;
  to: string;
}

/** The platform's own upgrade: the app's build stack, set through the API, effective at the next build. */
export async function upgradeStack(opts: UpgradeOptions, env: Record<string, string>): Promise<UpgradeOutcome> {
  if (!opts.app) throw new InputError('upgrade stack needs the app: -a APP');
  const client = resolveClient({ ...(opts.apiUrl && { apiUrl: opts.apiUrl }) });
  opts.progress?.(`Reading app ${opts.app}…`);
  const target = await planStackUpgrade(client, opts.app, opts.to);
  if (target.kind === 'current') return upToDate('stack', target.message, undefined);
  const { plan } = target;
  const effect = `${plan.app} builds on ${plan.to} from its next build; the running release stays on ${plan.running ?? plan.from ?? 'its stack'} until then: deploy to move it (\`implanta deploy -a ${plan.app}\`)`;
  const base: UpgradeOutcome = { subject: 'stack', status: 'planned', ...(plan.from && { from: plan.from }), to: plan.to, places: [], diff: '', notes: [], stack: plan };
  if (opts.dryRun) return { ...base, wouldRun: [`PATCH /apps/${plan.app} {"build_stack": "${plan.to}"} (heroku stack:set ${plan.to} -a ${plan.app})`] };
  await setBuildStack(client, plan);
  const upgraded: UpgradeOutcome = { ...base, status: 'upgraded', notes: [effect] };
  if (!opts.deploy) return upgraded;
  const deploy = await deployAfterUpgrade({ repo: resolve(opts.dir), app: plan.app, ...deployFlags(opts), env });
  return { ...upgraded, notes: [`${plan.app} builds on ${plan.to} from its next build: the deploy below is that build`], deploy };
}

export type StackTarget = { kind: 'target'; plan: StackPlan } | { kind: 'current'; message: string };

/**
 * Reads the app and decides the stack to move to: `--to` when it is a supported Heroku stack no older
 * than the app's, else the platform's default stack (the one new apps get). Fir apps have no stack.
 */
export async function planStackUpgrade(client: HerokuClient, app: string, to: string | undefined): Promise<StackTarget> {
  const info = await client.get<App>(appPath(app));
  if (info.generation?.name?.toLowerCase() === 'fir') {
    throw new InputError(`${app} is a Fir app: it builds with Cloud Native Buildpacks, whose base image comes from the builder, not from a stack`);
  }
  const running = info.stack?.name ?? undefined;
  const from = info.build_stack?.name ?? running;
  const target = (to ?? stackData().default_stack).toLowerCase();
  const stack = findStack(target);
  if (!stack || stack.status !== 'supported') {
    const supported = stackData().stacks.filter((s) => s.status === 'supported').map((s) => s.name).join(', ');
    const what = !stack ? 'is not a stack implanta knows' : stack.status === 'container' ? 'is for Docker image deploys (heroku.yml), not a buildpack stack' : `is ${stack.status}`;
    throw new InputError(`--to ${target} ${what}: pick one of ${supported} (platform data as of ${stackData().as_of})`);
  }
  if (from === target) {
    const pending = running && running !== target ? `; the running release is still on ${running} until the next deploy` : '';
    return { kind: 'current', message: `${app} already builds on ${target}${pending}` };
  }
  if (from && stackNumber(from) > stackNumber(target)) {
    throw new InputError(`--to ${target} is older than ${app}'s stack ${from}: implanta upgrade does not downgrade`);
  }
  return { kind: 'target', plan: { app, ...(running && { running }), ...(from && { from }), to: target } };
}

/** `heroku stack:set`: PATCH the app's build stack. The running release keeps its stack until the next build. */
export async function setBuildStack(client: HerokuClient, plan: StackPlan): Promise<void> {
  const updated = await client.patch<App>(appPath(plan.app), { build_stack: plan.to });
  const now = updated?.build_stack?.name;
  if (now !== plan.to) throw new PlatformError(`PATCH ${appPath(plan.app)}: the API answered build_stack ${now ?? 'missing'}, not ${plan.to}`);
}

function appPath(app: string): string {
  return `/apps/${encodeURIComponent(app)}`;
}

/** heroku-22 → 22; a name not of the heroku-NN form sorts first. */
function stackNumber(name: string): number {
  return Number(/^heroku-(\d+)$/.exec(name)?.[1] ?? 0);
}
