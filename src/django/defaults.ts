import { PyDict, type PyValue } from '../project/python-value.js';
import { atLeast, type DjangoRelease } from './versions.js';

/**
 * Django's global_settings value for each setting the deployment checks read, per release. A setting the
 * project never assigns takes this value, so a check can fire on a default (W022 on 3.0, W009 with no key).
 */
export function djangoDefault(name: string, v: DjangoRelease): PyValue {
  switch (name) {
    case 'DEBUG':
      return false;
    case 'SECRET_KEY':
      return '';
    case 'SECRET_KEY_FALLBACKS':
    case 'ALLOWED_HOSTS':
    case 'MIDDLEWARE':
    case 'INSTALLED_APPS':
    case 'STATICFILES_DIRS':
      return [];
    case 'SECURE_HSTS_SECONDS':
      return 0;
    case 'SECURE_HSTS_INCLUDE_SUBDOMAINS':
    case 'SECURE_HSTS_PRELOAD':
    case 'SECURE_SSL_REDIRECT':
    case 'SESSION_COOKIE_SECURE':
    case 'CSRF_COOKIE_SECURE':
    case 'CSRF_USE_SESSIONS':
      return false;
    case 'SECURE_CONTENT_TYPE_NOSNIFF':
    case 'SESSION_COOKIE_HTTPONLY':
      return true;
    case 'X_FRAME_OPTIONS':
      return 'DENY';
    // 3.1 switched the default from None (no header) to 'same-origin'.
    case 'SECURE_REFERRER_POLICY':
      return atLeast(v, 3, 1) ? 'same-origin' : null;
    case 'SECURE_CROSS_ORIGIN_OPENER_POLICY':
      return 'same-origin';
    case 'DEFAULT_HASHING_ALGORITHM':
      return 'sha256';
    case 'CSRF_FAILURE_VIEW':
      return DJANGO_CSRF_FAILURE_VIEW;
    case 'MEDIA_ROOT':
      return '';
    case 'STATIC_ROOT':
      return null;
    case 'CACHES':
      return new PyDict(new Map([['default', new PyDict(new Map([['BACKEND', 'django.core.cache.backends.locmem.LocMemCache']]))]]));
    case 'SECURE_CSP':
    case 'SECURE_CSP_REPORT_ONLY':
      return new PyDict();
    default:
      throw new Error(`no Django default recorded for ${name}`);
  }
}

export const DJANGO_CSRF_FAILURE_VIEW = 'django.views.csrf.csrf_failure';
