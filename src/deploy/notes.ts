import { git, gitReason } from './git.js';
import { InputError } from '../core/errors.js';

/**
 * implanta's records about commits live in git notes under this ref, so they travel with the repository:
 * `git push origin refs/notes/implanta` shares them, `git fetch origin refs/notes/implanta:refs/notes/implanta`
 * brings a teammate's.
 */
export const NOTES_REF = 'refs/notes/implanta';

export interface TestNote {
  kind: 'test';
  command: string;
  result: 'passed' | 'failed';
  exit_code: number | null;
  duration_s: number;
  /** ISO 8601. */
  at: string;
  /** hostname of the machine that ran the tests. */
  machine: string;
  implanta: string;
}

export interface DeployNote {
  kind: 'deploy';
  app: string;
  outcome: string;
  release?: number;
  at: string;
  by: string;
  implanta: string;
}

export type NoteRecord = TestNote | DeployNote;

/**
 * Adds a record to the commit's note, after whatever is there: a test run never erases a deploy record and
 * the other way round. The JSON goes through stdin, not argv, so nothing of it shows in `ps`.
 */
export async function appendNote(repo: string, commit: string, record: NoteRecord): Promise<void> {
  const args = ['notes', `--ref=${NOTES_REF}`, 'append', '-F', '-', commit];
  let result = await git(repo, args, { input: JSON.stringify(record) + '\n' });
  // Two runs finishing at once race for the notes ref's lock; the loser tries once more.
  if (result.code !== 0 && /lock/i.test(result.stderr)) result = await git(repo, args, { input: JSON.stringify(record) + '\n' });
  if (result.code !== 0) throw new InputError(`cannot record a note on ${commit.slice(0, 12)}: ${gitReason(result)}`);
}

/** Every implanta record on the commit, oldest first; lines that are not implanta's JSON are ignored. */
export async function readNotes(repo: string, commit: string): Promise<NoteRecord[]> {
  const result = await git(repo, ['notes', `--ref=${NOTES_REF}`, 'show', commit]);
  if (result.code !== 0) return [];
  const records: NoteRecord[] = [];
  for (const line of result.stdout.split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    try {
      const value = JSON.parse(line) as NoteRecord;
      if (value && (value.kind === 'test' || value.kind === 'deploy')) records.push(value);
    } catch {
      // A hand-written note line: not ours.
    }
  }
  return records;
}

/** The latest test run recorded on the commit, if any. */
export async function readTestNote(repo: string, commit: string): Promise<TestNote | undefined> {
  return (await readNotes(repo, commit)).filter((r): r is TestNote => r.kind === 'test').at(-1);
}
