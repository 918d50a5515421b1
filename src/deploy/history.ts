import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { toolVersion } from '../core/version.js';
import { ProjectFileRefused, readProjectText } from '../project/project-file.js';
import type { HerokuClient } from '../heroku/client.js';
import type * as Heroku from '../heroku/schema-extensions.js';
import { appPath } from './follow.js';
import { implantaDir } from './implanta-dir.js';
import { appendNote } from './notes.js';
import type { MigrationRecord } from './migration-gate.js';
import type { SmokeReport } from './smoke.js';
import type { WatchReport } from './watch.js';

export interface DeployRecord {
  /** ISO 8601, when the deploy started. */
  at: string;
  /** user@host */
  by: string;
  app: string;
  branch: string;
  commit?: string;
  outcome: string;
  /** One line: why it ended the way it did. */
  message: string;
  /** The release the deploy created, and the one serving before it. */
  release?: number;
  previous_release?: number;
  /** The release a rollback created. */
  rollback_release?: number;
  checks?: string;
  /** The migrations the release ran, the incompatible ones, whether they were accepted, and the backup. */
  migrations?: MigrationRecord;
  smoke?: SmokeReport;
  rollback_smoke?: SmokeReport;
  /** What the log showed after the smoke test, and the verdict. */
  watch?: WatchReport;
  /** Seconds per step: gates, push, build, release, smoke, rollback… */
  durations_s: Record<string, number>;
  implanta: string;
}

const HISTORY_FILE = 'deploys.jsonl';

/**
 * Appends the deploy to `.implanta/deploys.jsonl` and, when a commit was pushed, to that commit's note
 * (`refs/notes/implanta`), so the deploy shows beside its test run in `git log --notes=implanta`.
 */
export async function recordDeploy(repo: string, record: DeployRecord, options: { note: boolean }): Promise<void> {
  appendFileSync(join(implantaDir(repo), HISTORY_FILE), JSON.stringify(record) + '\n');
  if (options.note && record.commit) {
    await appendNote(repo, record.commit, {
      kind: 'deploy',
      app: record.app,
      outcome: record.outcome,
      ...(record.release !== undefined && { release: record.release }),
      at: record.at,
      by: record.by,
      implanta: toolVersion(),
    });
  }
}

/** Every deploy recorded in this repository, oldest first; a damaged line is skipped, not fatal. */
export function readDeployHistory(repo: string): DeployRecord[] {
  let text: string;
  try {
    text = readProjectText(join(repo, '.implanta', HISTORY_FILE), { root: repo, display: `.implanta/${HISTORY_FILE}` });
  } catch (error) {
    if (error instanceof ProjectFileRefused) throw error;
    return [];
  }
  const records: DeployRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      records.push(JSON.parse(line) as DeployRecord);
    } catch {
      // A line cut short by a crash mid-write.
    }
  }
  return records;
}

export interface ReleaseEntry {
  version: number;
  id: string;
  status: string;
  current: boolean;
  created_at?: string;
  description?: string;
  user?: string;
  /** Present when implanta made this release: by a deploy, or by the rollback after one. */
  implanta?: { role: 'deploy' | 'rollback'; commit?: string; by: string; at: string; outcome: string; smoke_ok?: boolean };
}

/** `implanta releases -a APP`: the app's releases, newest first, with what implanta knows of each. */
export async function listReleases(client: HerokuClient, app: string, repo: string): Promise<ReleaseEntry[]> {
  const releases = await client.list<Heroku.Release>(appPath(app, '/releases'));
  const history = readDeployHistory(repo).filter((r) => r.app === app);
  return releases
    .filter((r): r is Heroku.Release & { id: string; version: number } => r.id !== undefined && r.version !== undefined)
    .sort((a, b) => b.version - a.version)
    .map((r) => {
      const entry: ReleaseEntry = {
        version: r.version,
        id: r.id,
        status: r.status ?? 'unknown',
        current: r.current === true,
        ...(r.created_at && { created_at: r.created_at }),
        ...(r.description && { description: r.description }),
        ...(r.user?.email && { user: r.user.email }),
      };
      const deploy = history.filter((d) => d.release === r.version).at(-1);
      const rolled = history.filter((d) => d.rollback_release === r.version).at(-1);
      const source = deploy ?? rolled;
      if (source) {
        const smoke = deploy ? deploy.smoke : source.rollback_smoke;
        entry.implanta = {
          role: deploy ? 'deploy' : 'rollback',
          ...(source.commit && { commit: source.commit }),
          by: source.by,
          at: source.at,
          outcome: source.outcome,
          ...(smoke && { smoke_ok: smoke.ok }),
        };
      }
      return entry;
    });
}
