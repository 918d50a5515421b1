import type { HerokuClient } from './client.js';
import type * as Heroku from './schema-extensions.js';
import type { EnvRead } from '../project/settings/types.js';
import { fetchPageProbe, type PageProbe } from './page-probe.js';
import { resolveHostTargets } from './dns-lookup.js';
import { readRecentLog, type RecentLog } from './recent-log.js';

export type { PageProbe } from './page-probe.js';

/** What the gatherer needs of the Platform API client; tests may pass any object with these two. */
export type PlatformReader = Pick<HerokuClient, 'get' | 'list'>;

/** Everything the production-check rules read about one running app, fetched once. */
export interface HerokuFacts {
  appName: string;
  app: Heroku.App;
  formation: Heroku.Formation[];
  addons: Heroku.AddOn[];
  attachments: Heroku.AddOnAttachment[];
  /** Values are secret: a rule may say a variable is set or truthy, never what it holds. */
  configVars: Record<string, string>;
  domains: Heroku.Domain[];
  sniEndpoints: Heroku.SniEndpoint[];
  logDrains: Heroku.LogDrain[];
  features: Heroku.AppFeature[];
  /** MAINTENANCE_PAGE_URL / ERROR_PAGE_URL as fetched; absent when the variable is not set. */
  pages: { maintenance?: PageProbe; error?: PageProbe };
  /**
   * Host name -> what it resolves to (CNAME targets, then IPv4 addresses), null when it does not
   * resolve. Holds each custom domain and each domain's DNS target, so an apex ALIAS record can be
   * compared by address.
   */
  dns: Record<string, string[] | null>;
  /** Injected so date rules (stack end-of-life, certificate expiry) are deterministic. */
  today: Date;
  /** The environment variables the settings read, when the project was read alongside the app (check -a). */
  settingsEnvReads?: readonly EnvRead[];
  /** The last minutes of the platform log; absent when the reader cannot open log sessions. */
  recentLog?: RecentLog;
}

export interface GatherOptions {
  fetchPage?: (url: string) => Promise<PageProbe>;
  resolveDns?: (hostname: string) => Promise<string[] | null>;
  today?: Date;
  /** How the last minutes of the log are read; by default a log session when the client can open one. */
  readRecentLog?: (appName: string) => Promise<RecentLog>;
}

export const PAGE_VARS = { maintenance: 'MAINTENANCE_PAGE_URL', error: 'ERROR_PAGE_URL' } as const;

/**
 * One concurrent round of API reads (nothing waits on another), then one concurrent round of page
 * fetches and DNS lookups that depend on the config vars and domains. A missing app rejects with the
 * client's PlatformError; a page or name that does not answer is a fact, never a failure.
 */
export async function gatherHerokuFacts(
  client: PlatformReader,
  appName: string,
  opts: GatherOptions = {},
): Promise<HerokuFacts> {
  const base = `/apps/${encodeURIComponent(appName)}`;
  const [app, formation, addons, attachments, configVars, domains, sniEndpoints, logDrains, features] = await Promise.all([
    client.get<Heroku.App>(base),
    client.list<Heroku.Formation>(`${base}/formation`),
    client.list<Heroku.AddOn>(`${base}/addons`),
    client.list<Heroku.AddOnAttachment>(`${base}/addon-attachments`),
    client.get<Record<string, string>>(`${base}/config-vars`),
    client.list<Heroku.Domain>(`${base}/domains`),
    client.list<Heroku.SniEndpoint>(`${base}/sni-endpoints`),
    client.list<Heroku.LogDrain>(`${base}/log-drains`),
    client.list<Heroku.AppFeature>(`${base}/features`),
  ]);

  const fetchPage = opts.fetchPage ?? fetchPageProbe;
  const readLog = opts.readRecentLog ?? ('post' in client ? (name: string) => readRecentLog(client as PlatformReader & Pick<HerokuClient, 'post'>, name) : undefined);
  const [pages, dns, recentLog] = await Promise.all([
    probePages(configVars, fetchPage),
    resolveDomains(domains, opts.resolveDns ?? resolveHostTargets),
    readLog?.(appName),
  ]);

  return {
    appName,
    app,
    formation,
    addons,
    attachments,
    configVars,
    domains,
    sniEndpoints,
    logDrains,
    features,
    pages,
    dns,
    ...(recentLog && { recentLog }),
    today: opts.today ?? new Date(),
  };
}

async function probePages(
  configVars: Record<string, string>,
  fetchPage: (url: string) => Promise<PageProbe>,
): Promise<HerokuFacts['pages']> {
  const entries = await Promise.all(
    Object.entries(PAGE_VARS).map(async ([key, name]) => {
      const url = configVars[name];
      return url ? ([key, await fetchPage(url)] as const) : undefined;
    }),
  );
  return Object.fromEntries(entries.filter((e) => e !== undefined));
}

/** Wildcard domains have no single name to look up; they are left out. */
async function resolveDomains(
  domains: Heroku.Domain[],
  resolve: (hostname: string) => Promise<string[] | null>,
): Promise<HerokuFacts['dns']> {
  const names = new Set<string>();
  for (const d of domains) {
    if (d.kind !== 'custom' || !d.hostname || d.hostname.startsWith('*.')) continue;
    names.add(d.hostname.toLowerCase());
    if (d.cname) names.add(d.cname.toLowerCase());
  }
  const answers = await Promise.all([...names].map(async (name) => [name, await resolve(name).catch(() => null)] as const));
  return Object.fromEntries(answers);
}
