const USERINFO_RE = /\b([a-z][a-z0-9+.-]*:\/\/)([^/@\s]+)@/gi;

/**
 * Index URLs and VCS URLs often carry a token (`https://__token__:pypi-…@host/simple`). Anything kept
 * or quoted from a requirements file loses it; an SSH user name alone (`git@`) is not a secret and stays.
 */
export function hideCredentials(text: string): string {
  return text.replace(USERINFO_RE, (_match, scheme: string, userinfo: string) => {
    const keep = scheme.toLowerCase().includes('ssh') && !userinfo.includes(':');
    return `${scheme}${keep ? userinfo : '***'}@`;
  });
}
