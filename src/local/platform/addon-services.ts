import { findPostgresTier } from '../../heroku/platform-data.js';
import { invalid } from './errors.js';
import { randomHex } from './ids.js';

/** How the local platform provisions one add-on service, and the config vars it hands the app. */
export interface AddonService {
  name: string;
  /** Prefix of generated add-on names: `postgresql-curved-51234`. */
  short: string;
  defaultPlan?: string;
  /** The attachment name used when the request gives none: DATABASE, PAPERTRAIL. */
  attachAs: string;
  isPlan(plan: string): boolean;
  /** Monthly price in cents, when the plan's price is known. */
  priceCents?(plan: string): number | undefined;
  /** Config var suffixes and values, except for heroku-postgresql, which provisions a database. */
  vars?(addonName: string): Record<string, string>;
}

const POSTGRES_PRICES: Record<string, number> = {
  'essential-0': 500,
  'essential-1': 900,
  'essential-2': 2000,
  mini: 500,
  basic: 900,
  'hobby-dev': 0,
  'hobby-basic': 900,
  'standard-0': 5000,
  'premium-0': 20000,
};

export const POSTGRES_SERVICE = 'heroku-postgresql';

const SERVICES: AddonService[] = [
  {
    name: POSTGRES_SERVICE,
    short: 'postgresql',
    defaultPlan: 'essential-0',
    attachAs: 'DATABASE',
    isPlan: (plan) => findPostgresTier(plan) !== undefined,
    priceCents: (plan) => POSTGRES_PRICES[plan],
  },
  {
    name: 'heroku-redis',
    short: 'redis',
    defaultPlan: 'mini',
    attachAs: 'REDIS',
    isPlan: (plan) => /^(mini|premium-\d+|private-\d+|shield-\d+)$/.test(plan),
    priceCents: (plan) => ({ mini: 300, 'premium-0': 1500 })[plan],
    vars: () => ({ URL: `rediss://:${randomHex(16)}@unprovisioned.invalid:6379` }),
  },
  {
    name: 'papertrail',
    short: 'papertrail',
    defaultPlan: 'choklad',
    attachAs: 'PAPERTRAIL',
    isPlan: isPlanName,
    vars: () => ({ API_TOKEN: randomHex(16) }),
  },
  {
    name: 'newrelic',
    short: 'newrelic',
    defaultPlan: 'wayne',
    attachAs: 'NEW_RELIC',
    isPlan: isPlanName,
    vars: () => ({ LICENSE_KEY: randomHex(20), LOG: 'stdout' }),
  },
];

function isPlanName(plan: string): boolean {
  return /^[a-z0-9][a-z0-9-]*$/.test(plan);
}

/** Any other service (sentry:f1, logdna:quaco): accepted with a plan, attached as SERVICE_URL. */
function genericService(name: string): AddonService {
  return {
    name,
    short: name.replace(/^heroku-/, ''),
    attachAs: name.replace(/^heroku-/, '').replace(/[^a-z0-9]+/gi, '_').toUpperCase(),
    isPlan: isPlanName,
    vars: (addonName) => ({ URL: `https://${name}.implanta.invalid/${addonName}` }),
  };
}

/** `heroku-postgresql:standard-0`, or a bare service name for its default plan. */
export function resolvePlan(identity: string): { service: AddonService; plan: string } {
  const [serviceName, planName] = identity.toLowerCase().split(':', 2) as [string, string | undefined];
  if (!/^[a-z][a-z0-9-]*$/.test(serviceName)) throw invalid(`Couldn't find either the add-on service or the add-on plan of "${identity}".`);
  const service = SERVICES.find((s) => s.name === serviceName) ?? genericService(serviceName);
  const plan = planName ?? service.defaultPlan;
  if (plan === undefined || !service.isPlan(plan)) throw invalid(`Couldn't find either the add-on service or the add-on plan of "${identity}".`);
  return { service, plan };
}

/** Every plan name the local platform knows by its list (generic services accept any plan name). */
export function knownPlanNames(): string[] {
  return [
    ...Object.keys(POSTGRES_PRICES).map((plan) => `${POSTGRES_SERVICE}:${plan}`),
    ...SERVICES.filter((s) => s.defaultPlan).map((s) => `${s.name}:${s.defaultPlan}`),
  ];
}
