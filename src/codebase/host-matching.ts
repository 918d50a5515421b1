/**
 * Django's host matching (django.utils.http.is_same_domain as validate_host uses it): '*' matches
 * everything, a leading dot matches the domain and its subdomains, anything else matches exactly,
 * case-insensitively. A trailing dot on the host is ignored.
 */
export function hostMatches(host: string, pattern: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  const p = pattern.toLowerCase();
  if (p === '*') return true;
  if (p.startsWith('.')) return h.endsWith(p) || h === p.slice(1);
  return h === p;
}

/**
 * Django 4.0+'s CSRF_TRUSTED_ORIGINS match for an origin `scheme://host`: exact, or `scheme://*.domain`
 * for the domain and its subdomains.
 */
export function originTrusted(origin: string, entry: string): boolean {
  const [scheme, host] = origin.toLowerCase().split('://') as [string, string];
  const match = /^([a-z][a-z0-9+.-]*):\/\/(.+)$/.exec(entry.toLowerCase());
  if (!match || match[1] !== scheme) return false;
  const pattern = match[2]!;
  // Django strips the '*' and matches the rest as a leading-dot pattern, the bare domain included.
  return pattern.startsWith('*') ? hostMatches(host, pattern.slice(1)) : host === pattern;
}
