import type { Collaborator } from '@heroku-cli/schema';
import { notFound } from './errors.js';
import { stableId } from './ids.js';
import type { Platform } from './platform.js';
import type { Shape } from './shape.js';

/**
 * An app's collaborators, as `heroku access` and `apps:info` list them. Every token acts as the one local
 * account, which owns every app, so each app has exactly one collaborator: its owner.
 */
export class Collaborators {
  constructor(private readonly p: Platform) {}

  list(appIdentity: string): Shape<Collaborator, 'permissions'>[] {
    return [this.owner(appIdentity)];
  }

  info(appIdentity: string, identity: string): Shape<Collaborator, 'permissions'> {
    const owner = this.owner(appIdentity);
    if (identity !== owner.id && identity !== owner.user.email && identity !== owner.user.id) throw notFound('collaborator');
    return owner;
  }

  private owner(appIdentity: string): Shape<Collaborator, 'permissions'> {
    const app = this.p.apps.find(appIdentity);
    const user = this.p.account.owner();
    return {
      app: { id: app.id, name: app.name },
      created_at: app.created_at,
      id: stableId(`collaborator:${app.id}`),
      role: 'owner',
      updated_at: app.created_at,
      user: { email: user.email, federated: false, id: user.id },
    };
  }
}
