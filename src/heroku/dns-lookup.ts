import { Resolver } from 'node:dns/promises';

/** Short: a check should not hang on a name server that does not answer. */
const TIMEOUT_MS = 2000;

/**
 * What a host name points at: its CNAME target (the first hop, which should be the domain's Heroku DNS
 * target) and the IPv4 addresses at the end of the chain (for apex ALIAS/ANAME records, compared with
 * the target's own addresses). Null when neither lookup answers.
 */
export async function resolveHostTargets(hostname: string): Promise<string[] | null> {
  const resolver = new Resolver({ timeout: TIMEOUT_MS, tries: 1 });
  const [cnames, addresses] = await Promise.all([
    resolver.resolveCname(hostname).catch(() => []),
    resolver.resolve4(hostname).catch(() => []),
  ]);
  const targets = [...cnames.map((c) => c.toLowerCase().replace(/\.$/, '')), ...addresses];
  return targets.length > 0 ? targets : null;
}
