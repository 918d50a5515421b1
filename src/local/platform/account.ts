import type * as Heroku from '../../heroku/schema-extensions.js';
import { newId } from './ids.js';
import type { Platform } from './platform.js';
import type { Shape } from './shape.js';

/** The one account every token of the local platform acts as. */
export const ACCOUNT_EMAIL = 'developer@implanta.local';

export class Account {
  constructor(private readonly p: Platform) {}

  /** The account's id and creation time, made on first use and kept in the database. */
  private record(): { id: string; created_at: string } {
    const read = (key: string) => (this.p.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
    let id = read('account_id');
    let created = read('account_created_at');
    if (!id || !created) {
      id = newId();
      created = this.p.timestamp();
      const put = this.p.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
      put.run('account_id', id);
      put.run('account_created_at', created);
    }
    return { id, created_at: created };
  }

  owner(): { id: string; email: string } {
    return { id: this.record().id, email: ACCOUNT_EMAIL };
  }

  info(): Shape<Heroku.Account> {
    const { id, created_at } = this.record();
    return {
      allow_tracking: false,
      beta: false,
      country_of_residence: null,
      created_at,
      default_organization: null,
      default_team: null,
      delinquent_at: null,
      email: ACCOUNT_EMAIL,
      federated: false,
      id,
      identity_provider: null,
      last_login: this.p.timestamp(),
      name: 'implanta local',
      sms_number: null,
      suspended_at: null,
      two_factor_authentication: false,
      updated_at: created_at,
      verified: true,
    };
  }
}
