import type { DependencySet } from '../project/types.js';

/**
 * A lock file is written by its tool, which resolves the whole graph and records hashes: implanta does
 * not edit one. It names the command that does the upgrade instead.
 */
export function lockToolCommand(deps: DependencySet, name: string, version: string | undefined): string | undefined {
  switch (deps.kind) {
    case 'Pipfile.lock':
      return version ? `pipenv install "${name}==${version}"` : `pipenv update ${name}`;
    case 'poetry.lock':
      return version ? `poetry add "${name}@${version}"` : `poetry update ${name}`;
    case 'uv.lock':
      return version ? `uv lock --upgrade-package "${name}==${version}"` : `uv lock --upgrade-package ${name}`;
    default:
      return undefined;
  }
}

export function lockFileMessage(deps: DependencySet, name: string, version: string | undefined): string | undefined {
  const command = lockToolCommand(deps, name, version);
  if (!command) return undefined;
  return `${deps.file} is written by its lock tool, not by implanta: run \`${command}\`, commit ${deps.file}, then \`implanta check\``;
}
