import { containsString, sequenceItems, truthy, type PyValue } from '../project/python-value.js';
import type { ExpectedHeaders } from './smoke.js';

const SECURITY = 'django.middleware.security.SecurityMiddleware';
const CLICKJACKING = 'django.middleware.clickjacking.XFrameOptionsMiddleware';

/**
 * What a live answer must carry, from the settings' effective values (the project's, else Django's
 * default for its version). Only promises the settings make for certain become expectations: a value the
 * static reading could not determine expects nothing rather than guess.
 */
export function expectedHeaders(setting: (name: string) => PyValue): ExpectedHeaders {
  const middleware = setting('MIDDLEWARE');
  const security = containsString(middleware, SECURITY) === true;
  const clickjacking = containsString(middleware, CLICKJACKING) === true;
  const isTrue = (name: string) => truthy(setting(name)) === true;
  const expected: ExpectedHeaders = {};
  if (security) {
    const seconds = setting('SECURE_HSTS_SECONDS');
    if (typeof seconds === 'number' && seconds > 0) {
      expected.hsts = { seconds, includeSubdomains: isTrue('SECURE_HSTS_INCLUDE_SUBDOMAINS'), preload: isTrue('SECURE_HSTS_PRELOAD') };
    }
    if (isTrue('SECURE_CONTENT_TYPE_NOSNIFF')) expected.nosniff = true;
    const policy = referrerPolicy(setting('SECURE_REFERRER_POLICY'));
    if (policy !== undefined) expected.referrerPolicy = policy;
    if (isTrue('SECURE_SSL_REDIRECT')) expected.httpsRedirect = true;
  }
  const frame = setting('X_FRAME_OPTIONS');
  if (clickjacking && typeof frame === 'string') expected.xFrameOptions = frame.toUpperCase();
  return expected;
}

/** Django writes a string as given (split on commas) and a sequence joined with commas. */
function referrerPolicy(value: PyValue): string | undefined {
  if (typeof value === 'string') return value.split(',').map((v) => v.trim()).join(',');
  const items = sequenceItems(value);
  if (items && items.every((i): i is string => typeof i === 'string')) return items.join(',');
  return undefined;
}
