const USERINFO_RE = /\b([a-z][a-z0-9+.-]*:\/\/)([^/@\s]+)@/gi;
/** A query string: from `?` to the first space, quote or fragment. */
const QUERY_RE = /\?[^\s#'"]*/g;
const QUERY_VALUE_RE = /(=)[^&;]+/g;
/**
 * pip's options whose argument names where packages come from: an index URL with a token in its path
 * (`https://pkgs.dev.azure.com/…/_packaging/feed/pypi/simple/`), a private host. A long option may be
 * written as any unique prefix, and its argument joined with `=` or a space; a short one joined or not.
 */
const SOURCE_OPTIONS = ['--index-url', '--pypi-url', '--extra-index-url', '--find-links', '--trusted-host'];
const LONG_OPTION_RE = /(^|[\s'"])(--[a-z][a-z-]*)(=|\s+)(?!-)([^\s'"]+)/gi;
const SHORT_OPTION_RE = /(^|[\s'"])(-[if])(=?|\s+)(?!-)([^\s'"]+)/g;
const MASK = '***';

/**
 * Index URLs and VCS URLs often carry a token (`https://__token__:pypi-…@host/simple`). Anything kept
 * or quoted from a requirements file loses it; an SSH user name alone (`git@`) is not a secret and stays.
 */
export function hideCredentials(text: string): string {
  return text.replace(USERINFO_RE, (_match, scheme: string, userinfo: string) => {
    const keep = scheme.toLowerCase().includes('ssh') && !userinfo.includes(':');
    return `${scheme}${keep ? userinfo : MASK}@`;
  });
}

/** A URL kept from a requirements file: no credentials, no query-string values (`?token=…`); `#egg=` stays. */
export function hideUrlSecrets(text: string): string {
  return hideCredentials(text).replace(QUERY_RE, (query) => query.replace(QUERY_VALUE_RE, `$1${MASK}`));
}

/**
 * A requirements line (or a message quoting one) as it may be printed: URL credentials and query values
 * masked, and the argument of every option that says where packages come from (`--index-url`, `-i`,
 * `--extra-index-url`, `--find-links`, `--trusted-host`) replaced as a whole. Include paths (`-r`, `-c`)
 * and requirement names stay: they are what the message is about.
 */
export function maskRequirementText(text: string): string {
  return hideUrlSecrets(text)
    .replace(LONG_OPTION_RE, (match, before: string, option: string, glue: string) =>
      isSourceOption(option) ? `${before}${option}${glue}${MASK}` : match)
    .replace(SHORT_OPTION_RE, (_match, before: string, option: string, glue: string) => `${before}${option}${glue}${MASK}`);
}

/** `--index`, `--extra`, `--trusted-host`: pip accepts any unique prefix of a long option. */
function isSourceOption(option: string): boolean {
  const typed = option.toLowerCase();
  return typed.length >= 3 && SOURCE_OPTIONS.some((long) => long.startsWith(typed));
}
