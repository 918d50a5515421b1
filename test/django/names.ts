/** Dotted paths and values the Django rule tests and the oracle generator both write into settings. */
export const SECURITY = 'django.middleware.security.SecurityMiddleware';
export const SESSION = 'django.contrib.sessions.middleware.SessionMiddleware';
export const CSRF = 'django.middleware.csrf.CsrfViewMiddleware';
export const XFRAME = 'django.middleware.clickjacking.XFrameOptionsMiddleware';
export const COMMON = 'django.middleware.common.CommonMiddleware';
export const FILE_CACHE = 'django.core.cache.backends.filebased.FileBasedCache';
export const LOCMEM = 'django.core.cache.backends.locmem.LocMemCache';
/** Long and varied enough for security.W009 in every release. */
export const STRONG_KEY = 'x7#kq!v9@m2$zr5^w8&n3*p6(t1)y4-h0_j+l=b%c?d<e>f:g;s';
