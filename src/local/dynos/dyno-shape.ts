import type { Dyno as HerokuDyno } from '@heroku-cli/schema';
import { apiSizeName } from '../platform/catalog.js';
import type { Shape } from '../platform/shape.js';
import type { Dyno } from './dyno.js';

/**
 * A dyno as GET /apps/{app}/dynos answers it. A prebooted web dyno reads `starting` until it takes
 * traffic, so a client that waits for `up` waits for the cut-over.
 */
export function dynoShape(dyno: Dyno, app: { id: string; name: string }, attachUrl: string | null = null): Shape<HerokuDyno> {
  return {
    app: { id: app.id, name: app.name },
    attach_url: attachUrl,
    command: dyno.command,
    created_at: dyno.createdAt,
    id: dyno.id,
    name: dyno.name,
    release: { id: dyno.release.id, version: dyno.release.version },
    size: apiSizeName(dyno.size),
    state: dyno.type === 'web' && dyno.state === 'up' && !dyno.serving ? 'starting' : dyno.state,
    type: dyno.type,
    updated_at: dyno.updatedAt,
  };
}
