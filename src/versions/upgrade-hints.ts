/**
 * The `implanta upgrade` commands the hints name, in one place so the hints and the command's
 * syntax cannot drift apart.
 */
export function upgradePackage(name: string, version: string | undefined): string {
  return `implanta upgrade ${name}${version ? ` --to ${version}` : ''}`;
}

export function upgradePython(series: string | undefined): string {
  return `implanta upgrade python${series ? ` --to ${series}` : ''}`;
}

export function upgradeStack(stack: string): string {
  return `implanta upgrade stack --to ${stack} -a APP`;
}
