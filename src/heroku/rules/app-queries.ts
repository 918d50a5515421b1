import type * as Heroku from '../schema-extensions.js';
import type { HerokuFacts } from '../facts.js';
import type { Formation } from '../schema-extensions.js';
import { findDynoSize, findPostgresTier, postgresPlanData, type DynoSize, type PostgresTier } from '../platform-data.js';

/** Questions several production-check rules ask of the same facts. */

export function isFir(facts: HerokuFacts): boolean {
  return facts.app.generation?.name?.toLowerCase() === 'fir';
}

/** The exact CLI command that fixes a point, for hints. */
export function cli(facts: HerokuFacts, command: string): string {
  return `heroku ${command} -a ${facts.appName}`;
}

export function webFormation(facts: HerokuFacts): Formation | undefined {
  return facts.formation.find((f) => f.type === 'web');
}

/** `dyno_size.name` supersedes the deprecated `size`; both arrive capitalised (`Standard-1X`). */
export function formationSizeName(formation: Formation): string | undefined {
  return formation.dyno_size?.name ?? formation.size;
}

export function webDynoSize(facts: HerokuFacts): DynoSize | undefined {
  const web = webFormation(facts);
  const name = web && formationSizeName(web);
  return name ? findDynoSize(name) : undefined;
}

export function addonService(addon: Heroku.AddOn): string | undefined {
  return addon.addon_service?.name?.toLowerCase();
}

export function addonPlan(addon: Heroku.AddOn): string | undefined {
  return addon.plan?.name?.toLowerCase();
}

export function postgresAddons(facts: HerokuFacts): Heroku.AddOn[] {
  const service = postgresPlanData().service;
  return facts.addons.filter((a) => addonService(a) === service);
}

/** Config-var prefixes an add-on is attached under on this app (`DATABASE`, `HEROKU_POSTGRESQL_RED`). */
export function attachmentNames(facts: HerokuFacts, addon: Heroku.AddOn): string[] {
  return facts.attachments.filter((a) => a.addon?.id === addon.id).map((a) => a.name ?? '');
}

/** The Heroku Postgres add-on Django connects to: the one attached as DATABASE (DATABASE_URL). */
export function primaryDatabase(facts: HerokuFacts): Heroku.AddOn | undefined {
  return postgresAddons(facts).find((a) => attachmentNames(facts, a).includes('DATABASE'));
}

export function postgresTier(addon: Heroku.AddOn): PostgresTier | undefined {
  const plan = addonPlan(addon);
  return plan ? findPostgresTier(plan) : undefined;
}

/** `heroku-postgresql:standard-0` -> `standard-0`, as users name plans. */
export function barePlan(addon: Heroku.AddOn): string {
  return (addonPlan(addon) ?? 'unknown plan').replace(/^[^:]*:/, '');
}

export function customDomains(facts: HerokuFacts): Heroku.Domain[] {
  return facts.domains.filter((d) => d.kind === 'custom' && d.hostname);
}

export function featureEnabled(facts: HerokuFacts, name: string): boolean {
  return facts.features.some((f) => f.name === name && f.enabled === true);
}

const DAY_MS = 86_400_000;

/** Whole days from `today` until `date` (negative once past); dates without a time are UTC midnight. */
export function daysUntil(today: Date, date: string): number {
  return Math.ceil((Date.parse(date) - today.getTime()) / DAY_MS);
}

export function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}
