import { readFileSync } from 'node:fs';
import { packagePath } from '../core/package-root.js';

/**
 * Heroku's dated platform facts (stacks, dyno sizes, Postgres plans, known add-ons). Each lives in one
 * JSON file under data/heroku/ with its `as_of` date and sources, so updating a fact is a data change,
 * never a code change. Files are read once, on first use.
 */

export interface Dated {
  as_of: string;
  sources: string[];
}

export interface StackInfo {
  name: string;
  base: string;
  available_since: string;
  /** YYYY-MM-DD; null for the container stack, which has no Heroku-maintained base. */
  end_of_life: string | null;
  status: 'supported' | 'deprecated' | 'end-of-life' | 'container';
}

export interface StackData extends Dated {
  /** The stack new apps get: what a stack upgrade should move to. */
  default_stack: string;
  stacks: StackInfo[];
}

export type DynoTier = 'eco' | 'basic' | 'standard' | 'performance' | 'private' | 'shield' | 'free' | 'hobby' | 'fir';

export interface DynoSize {
  /** Lower case, as the Heroku CLI accepts it: `standard-1x`. */
  name: string;
  tier: DynoTier;
  /** Standard and above: the sizes the production check asks for. */
  professional: boolean;
  memory_mb: number;
  compute: string;
  dedicated: boolean;
  vcpu: number | null;
  monthly_usd: number;
  /** WEB_CONCURRENCY the Python buildpack sets at boot on this size; null where it sets none (Fir). */
  web_concurrency: number | null;
  /** R15 kills the dyno at memory_mb * r15_multiple. */
  r15_multiple: number;
  sleeps?: boolean;
  legacy?: boolean;
  generation?: 'fir';
  aliases?: string[];
}

export interface DynoSizeData extends Dated {
  sizes: DynoSize[];
}

export interface PostgresTier {
  tier: 'essential' | 'hobby' | 'standard' | 'premium' | 'private' | 'shield';
  /** Exact plan names, or a prefix every plan of the tier starts with. */
  plans?: string[];
  prefix?: string;
  /** Standard and above: what the production check calls a production database. */
  production: boolean;
  ha: boolean;
  followers: boolean;
  downtime_per_month: string;
  legacy?: boolean;
}

export interface PostgresPlanData extends Dated {
  /** Add-on service name: `heroku-postgresql`. */
  service: string;
  tiers: PostgresTier[];
}

export interface KnownAddon {
  service: string;
  name: string;
  kind?: 'apm' | 'error-tracking';
}

export interface AddonData extends Dated {
  app_monitoring: KnownAddon[];
  log_monitoring: KnownAddon[];
}

const cache = new Map<string, unknown>();

function load<T>(file: string): T {
  if (!cache.has(file)) cache.set(file, JSON.parse(readFileSync(packagePath('data', 'heroku', file), 'utf8')));
  return cache.get(file) as T;
}

export function stackData(): StackData {
  return load<StackData>('stacks.json');
}

export function dynoSizeData(): DynoSizeData {
  return load<DynoSizeData>('dyno-sizes.json');
}

export function postgresPlanData(): PostgresPlanData {
  return load<PostgresPlanData>('postgres-plans.json');
}

export function addonData(): AddonData {
  return load<AddonData>('addons.json');
}

export function findStack(name: string): StackInfo | undefined {
  const wanted = name.toLowerCase();
  return stackData().stacks.find((s) => s.name === wanted);
}

/** The API answers `Standard-1X`, the CLI takes `standard-1x`: sizes match whatever the case. */
export function findDynoSize(name: string): DynoSize | undefined {
  const wanted = name.toLowerCase();
  return dynoSizeData().sizes.find((s) => s.name === wanted || s.aliases?.includes(wanted));
}

/** Accepts a plan as the API gives it (`heroku-postgresql:standard-0`) or bare (`standard-0`). */
export function findPostgresTier(plan: string): PostgresTier | undefined {
  const bare = plan.toLowerCase().replace(/^[^:]*:/, '');
  return postgresPlanData().tiers.find((t) => t.plans?.includes(bare) || (t.prefix !== undefined && bare.startsWith(t.prefix)));
}
