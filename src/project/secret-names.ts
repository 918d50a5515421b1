/** Names that hold credentials, in settings and in .env files: *PASSWORD*, *SECRET*, *TOKEN*, *API_KEY*. */
const SECRET_NAME = /PASSWORD|SECRET|TOKEN|API_?KEY|PRIVATE_KEY/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * Names that describe how a credential travels rather than hold one: `API_KEY_CUSTOM_HEADER`,
 * `TOKEN_TYPE_CLAIM`, `BASE_PASSWORD_VALIDATOR`, `PASSWORD_RESET_TIMEOUT`, `JWT_AUTH_COOKIE_NAME`.
 */
const DESCRIPTOR =
  /(PASSWORD|SECRET|TOKEN|API_?KEY|PRIVATE_KEY)(_[A-Z0-9]+)*_(HEADER|CLAIM|VALIDATORS?|TYPES?|FIELDS?|NAMES?|PREFIX|URL|TIMEOUT|LIFETIME|EXPIRY|EXPIRATION|LENGTH|ALGORITHMS?|CLASS|BACKENDS?|HASHERS?|SERIALIZER|MODEL|PATH|FILE|COOKIE|PARAM|QUERY|STORAGE|AGE|REGEX|PATTERN|METHODS?|LOCATION|ENDPOINT|ENABLED|REQUIRED|LOOKUP|HANDLER|VIEW|FORM|TEMPLATE|SUBJECT|SALT_FIELD)$/i;

/**
 * The value cannot be a credential, whatever its name: a dotted Python path
 * (`django.contrib.auth.password_validation.MinimumLengthValidator`), a request header name
 * (`HTTP_X_API_KEY`), a sentence, or, under a token or key name, a one-word label (`Bearer`, `JWT`).
 */
function hasNonSecretShape(name: string, value: string): boolean {
  if (/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+$/.test(value)) return true;
  if (/^(HTTP_[A-Z0-9_]+|X-[A-Za-z0-9-]+)$/.test(value)) return true;
  if (/\s/.test(value.trim())) return true;
  return !/PASSWORD|SECRET/i.test(name) && /^[A-Za-z]{1,12}$/.test(value);
}

/**
 * Whether a literal string under this name is a credential: the name says so (*PASSWORD*, *SECRET*,
 * *TOKEN*, *API_KEY*), it is not a name that only describes one (`…_HEADER`, `…_CLAIM`, `…_VALIDATOR`),
 * and the value has the shape of one, not of a module path, a header name or a label.
 */
export function isCredential(name: string, value: string): boolean {
  return value !== '' && isSecretName(name) && !DESCRIPTOR.test(name) && !hasNonSecretShape(name, value);
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
