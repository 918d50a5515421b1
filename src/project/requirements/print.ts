import type { Requirement } from '../types.js';
import { isUrl } from './requirement-line.js';

/**
 * Requirements back to requirements.txt lines that pip reads as the same requirements: one per line,
 * `name[extras]specifier ; marker --hash=…`, `name @ url` for direct references, `-e` for editables.
 * Used to write upgraded files and to check the parser by round trip.
 */
export function printRequirements(requirements: Requirement[]): string {
  return requirements.map(printRequirement).join('\n') + (requirements.length ? '\n' : '');
}

export function printRequirement(req: Requirement): string {
  const extras = req.extras.length ? `[${req.extras.join(',')}]` : '';
  const marker = req.marker ? ` ; ${req.marker}` : '';
  const hashes = req.hashes.map((hash) => ` --hash=${hash}`).join('');
  if (req.editable) return `-e ${req.url}${isUrl(req.url ?? '') ? '' : extras}`;
  if (req.url !== undefined) {
    if (!req.rawName || !isUrl(req.url)) return `${req.url}${isUrl(req.url) ? '' : extras}${marker}${hashes}`;
    return `${req.rawName}${extras} @ ${req.url}${marker}${hashes}`;
  }
  return `${req.rawName}${extras}${req.specifier}${marker}${hashes}`;
}
