import { isAbsolute, relative, sep } from 'node:path';

/**
 * Findings name files relative to the project folder; GitHub names them relative to the repository it
 * checked out (GITHUB_WORKSPACE). When the project is a sub-folder of the workspace, this gives the
 * repository-relative path; otherwise (no workspace, or the project lies outside it) the path as it is.
 */
export function workspacePath(projectRoot: string, file: string, workspace: string | undefined): string {
  if (!workspace) return file;
  const prefix = relative(workspace, projectRoot);
  if (prefix === '' || prefix.startsWith('..') || isAbsolute(prefix)) return file;
  return `${prefix.split(sep).join('/')}/${file}`;
}

/** Whether the project lies inside the workspace (or is it), so paths are re-rooted there. */
export function insideWorkspace(projectRoot: string, workspace: string | undefined): workspace is string {
  if (!workspace) return false;
  const rel = relative(workspace, projectRoot);
  return !rel.startsWith('..') && !isAbsolute(rel);
}
