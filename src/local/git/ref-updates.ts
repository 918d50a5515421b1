export interface RefUpdate {
  oldSha: string;
  newSha: string;
  ref: string;
}

/** What Heroku says when a push updates only other branches (the pusher sees it as a `remote:` line). */
export const NON_MAIN_BRANCH_MESSAGE = 'Pushed to branch other than [main, master], skipping build.';

const BUILT_REFS = new Set(['refs/heads/main', 'refs/heads/master']);

/** pre-receive's stdin: one `<old-sha> <new-sha> <ref>` line per ref the push updates. */
export function parseRefUpdates(text: string): RefUpdate[] {
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((parts) => parts.length === 3)
    .map(([oldSha, newSha, ref]) => ({ oldSha: oldSha!, newSha: newSha!, ref: ref! }));
}

export function isDeletion(update: RefUpdate): boolean {
  return /^0+$/.test(update.newSha);
}

/** The update Heroku builds: `main` or `master` moved to a commit (deleting it builds nothing). */
export function buildableUpdate(updates: readonly RefUpdate[]): RefUpdate | undefined {
  return updates.find((u) => BUILT_REFS.has(u.ref) && !isDeletion(u));
}

/** True when the push touched some branch other than main and master: the skip message is due. */
export function touchesOtherBranches(updates: readonly RefUpdate[]): boolean {
  return updates.some((u) => !BUILT_REFS.has(u.ref));
}
