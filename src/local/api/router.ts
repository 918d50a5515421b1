import type { Platform } from '../platform/platform.js';

export interface RouteContext {
  params: Record<string, string>;
  body: Record<string, unknown>;
  /** The request's headers (Accept-Inclusion, Accept), lower-cased names. */
  headers: Record<string, string | string[] | undefined>;
  platform: Platform;
  /** What RateLimit-Remaining reports for this request's token. */
  rateLimitRemaining: number;
}

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** `/apps/:app/formation/:type` */
  path: string;
  /** A list: paginated with these Range fields, the first being the default. */
  ranges?: readonly string[];
  /** 201 for creations, as Heroku answers; 200 otherwise. */
  status?: number;
  handle(ctx: RouteContext): unknown;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/** Matches a method and path against the route table; path segments are URL-decoded. */
export function matchRoute(routes: readonly Route[], method: string, pathname: string): RouteMatch | undefined {
  const segments = pathname.replace(/\/+$/, '').split('/').slice(1);
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = route.path.split('/').slice(1);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((part, i) => {
      const segment = safeDecode(segments[i]!);
      if (part.startsWith(':')) {
        params[part.slice(1)] = segment;
        return segment !== '';
      }
      return part === segment;
    });
    if (ok) return { route, params };
  }
  return undefined;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
