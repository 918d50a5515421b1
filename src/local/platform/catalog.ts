import type * as Heroku from '../../heroku/schema-extensions.js';
import { dynoSizeData, findDynoSize, findStack, stackData, type DynoSize, type StackInfo } from '../../heroku/platform-data.js';
import { stableId } from './ids.js';
import type { Shape } from './shape.js';

/**
 * What the local platform offers: stacks and dyno sizes come from implanta's dated platform facts
 * (data/heroku/), so the stand-in and the production-check rules agree on what is current; regions,
 * the app generation and the app features are the few Heroku has.
 */

/** Catalog entries (stacks, features) have fixed timestamps: they are not created by anyone's request. */
export const CATALOG_DATE = '2024-01-01T00:00:00Z';

export const GENERATION = { id: stableId('generation:cedar'), name: 'cedar' } as const;

const REGIONS = [
  { id: stableId('region:us'), name: 'us', country: 'United States', locale: 'Virginia', description: 'United States', provider: { name: 'amazon-web-services', region: 'us-east-1' } },
  { id: stableId('region:eu'), name: 'eu', country: 'Ireland', locale: 'Dublin', description: 'Europe', provider: { name: 'amazon-web-services', region: 'eu-west-1' } },
] as const;

export function findRegion(identity: string): { id: string; name: string } | undefined {
  const region = REGIONS.find((r) => r.id === identity || r.name === identity);
  return region && { id: region.id, name: region.name };
}

/** GET /regions: the two Common Runtime regions an app can be created in (no Private Spaces here). */
export function regionShapes(): Shape<Heroku.Region>[] {
  return REGIONS.map((r) => ({ ...r, provider: { ...r.provider }, created_at: CATALOG_DATE, private_capable: false, updated_at: CATALOG_DATE }));
}

/** Heroku's stack states: available stacks are `public` or `deprecated`; past end-of-life they are gone from /stacks. */
function stackState(stack: StackInfo, today: Date): 'public' | 'deprecated' | 'retired' {
  if (stack.status === 'end-of-life' || (stack.end_of_life !== null && stack.end_of_life < today.toISOString().slice(0, 10))) return 'retired';
  return stack.status === 'deprecated' ? 'deprecated' : 'public';
}

export function defaultStackName(): string {
  return stackData().default_stack;
}

export interface StackChoice {
  name: string;
  state: 'public' | 'deprecated' | 'retired';
}

export function resolveStack(identity: string, today: Date): StackChoice | undefined {
  const stack = stackData().stacks.find((s) => stableId(`stack:${s.name}`) === identity) ?? findStack(identity);
  return stack && { name: stack.name, state: stackState(stack, today) };
}

export function stackShape(name: string, today: Date): Shape<Heroku.Stack> {
  const stack = findStack(name);
  return {
    created_at: CATALOG_DATE,
    default: name === defaultStackName(),
    id: stableId(`stack:${name}`),
    name,
    state: stack ? stackState(stack, today) : 'retired',
    updated_at: CATALOG_DATE,
  };
}

export function availableStacks(today: Date): Shape<Heroku.Stack>[] {
  return stackData()
    .stacks.filter((s) => stackState(s, today) !== 'retired')
    .map((s) => stackShape(s.name, today));
}

/** The API capitalises sizes (`Standard-1X`, `Performance-L-RAM`, `Eco`); the facts keep them lower case. */
export function apiSizeName(name: string): string {
  return name
    .split('-')
    .map((part) => (/\d|^(s|m|l|xl|ram)$/.test(part) ? part.toUpperCase() : part.charAt(0).toUpperCase() + part.slice(1)))
    .join('-');
}

/** A size by id, or by name in any case or an older alias (`1X`, `hobby`, `free`), retired ones included. */
export function resolveDynoSize(identity: string): DynoSize | undefined {
  return dynoSizeData().sizes.find((s) => stableId(`dyno-size:${s.name}`) === identity) ?? findDynoSize(identity);
}

export function dynoSizeRef(size: DynoSize): { id: string; name: string } {
  return { id: stableId(`dyno-size:${size.name}`), name: apiSizeName(size.name) };
}

/** Eco and Basic (and the retired Free and Hobby) run at most one dyno per process type. */
export function maxQuantity(size: DynoSize): number | undefined {
  return ['eco', 'basic', 'free', 'hobby'].includes(size.tier) ? 1 : undefined;
}

export function dynoSizeShape(size: DynoSize): Shape<Heroku.DynoSize, 'dyno_units'> {
  const generation = size.generation ?? 'cedar';
  return {
    architecture: 'amd64',
    compute: size.vcpu ?? 1,
    cost: { cents: size.monthly_usd * 100, unit: 'month' },
    dedicated: size.dedicated,
    generation: { id: stableId(`generation:${generation}`), name: generation },
    id: stableId(`dyno-size:${size.name}`),
    memory: size.memory_mb / 1024,
    name: apiSizeName(size.name),
    // Dyno units track the list price on Heroku's Enterprise sheet: one per Standard-1X.
    precise_dyno_units: Math.round((size.monthly_usd / 25) * 100) / 100,
    private_space_only: size.tier === 'private' || size.tier === 'shield',
  };
}

/** The sizes a new formation can use: retired ones (Free, Hobby) are not offered. */
export function offeredDynoSizes(): DynoSize[] {
  return dynoSizeData().sizes.filter((s) => !s.legacy);
}

export interface FeatureSpec {
  name: string;
  display_name: string;
  description: string;
  doc_url: string;
  state: string;
}

export const APP_FEATURES: FeatureSpec[] = [
  {
    name: 'preboot',
    display_name: 'Preboot',
    description: 'Provide seamless web dyno deploys',
    doc_url: 'https://devcenter.heroku.com/articles/preboot',
    state: 'general',
  },
  {
    name: 'runtime-dyno-metadata',
    display_name: 'Dyno metadata',
    description: 'Information about the app and environment in dyno config vars',
    doc_url: 'https://devcenter.heroku.com/articles/dyno-metadata',
    state: 'beta',
  },
  {
    name: 'runtime-heroku-metrics',
    display_name: 'Language runtime metrics',
    description: 'Emit language runtime metrics to Heroku Metrics',
    doc_url: 'https://devcenter.heroku.com/articles/language-runtime-metrics',
    state: 'general',
  },
  {
    name: 'log-runtime-metrics',
    display_name: 'Log runtime metrics',
    description: 'Emit dyno resource usage as log lines',
    doc_url: 'https://devcenter.heroku.com/articles/log-runtime-metrics',
    state: 'beta',
  },
  {
    name: 'http-session-affinity',
    display_name: 'Session affinity',
    description: 'Route requests of one client to the same dyno',
    doc_url: 'https://devcenter.heroku.com/articles/session-affinity',
    state: 'general',
  },
];

export function findFeature(identity: string): FeatureSpec | undefined {
  return APP_FEATURES.find((f) => f.name === identity || stableId(`feature:${f.name}`) === identity);
}

