import type { RuleRun } from '../core/engine.js';
import { runRules } from '../core/engine.js';
import { gatherHerokuFacts, type HerokuFacts } from '../heroku/facts.js';
import { herokuRules } from '../heroku/rules/index.js';
import { resolveClient } from '../heroku/resolve.js';

export interface AppFacts {
  facts: HerokuFacts;
  /** The app's host names: its herokuapp.com domain and custom domains, which ALLOWED_HOSTS must admit. */
  hosts: string[];
}

/** The running app's facts, fetched in one concurrent round before the settings are evaluated. */
export async function appFacts(app: string, apiUrl: string | undefined, progress: (m: string) => void, today?: Date): Promise<AppFacts> {
  const client = resolveClient({ ...(apiUrl && { apiUrl }) });
  progress(`Reading app ${app} from ${client.baseUrl}…`);
  const facts = await gatherHerokuFacts(client, app, { ...(today && { today }) });
  const hosts = facts.domains.map((d) => d.hostname).filter((h): h is string => typeof h === 'string');
  return { facts, hosts };
}

/** The production-check rules over the app, as the check facts hold it (with the settings' environment reads). */
export function herokuFindings(app: HerokuFacts): RuleRun {
  return runRules(herokuRules, app);
}
