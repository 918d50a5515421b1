/** Names that hold credentials, in settings and in .env files: *PASSWORD*, *SECRET*, *TOKEN*, *API_KEY*. */
const SECRET_NAME = /PASSWORD|SECRET|TOKEN|API_?KEY|PRIVATE_KEY/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

const LOCAL_HOST = /^(localhost|127\.0\.0\.1|\[::1\]|db|postgres)$/i;
/** Names reserved for documentation and testing (RFC 2606, RFC 6761): no real server answers there. */
const RESERVED_HOST = /(^|\.)(example|invalid|test|localhost)$|(^|\.)example\.(com|net|org)$/i;

/**
 * A URL carrying a password for a real remote host (`postgres://u:p@ec2-….amazonaws.com/db`). A
 * password for the developer's own machine or compose service, or for a reserved example domain,
 * protects nothing.
 */
export function hasRemotePassword(value: string): boolean {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/:@]*:[^@/]+@([^/:?#]+)/i.exec(value);
  return match !== null && !LOCAL_HOST.test(match[1]!) && !RESERVED_HOST.test(match[1]!);
}
