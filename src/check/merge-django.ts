import type { Finding } from '../core/finding.js';

/**
 * Merges real `manage.py check --deploy` output into the static findings, one finding per ID. A static
 * finding keeps its file and line; where the static evaluator could only say "cannot tell" (info), real
 * Django's verdict replaces it; IDs only Django found (other apps' checks) are added; a static warning
 * that real Django does not confirm stays, since the environments may differ on purpose.
 */
export function mergeDjangoFindings(findings: Finding[], real: Finding[]): Finding[] {
  const realIds = new Set(real.map((f) => f.rule));
  const kept = findings.filter((f) => !(f.area === 'django' && f.severity === 'info' && realIds.has(f.rule)));
  const decided = new Set(kept.filter((f) => f.area === 'django').map((f) => f.rule));
  const added = new Map<string, Finding>();
  for (const f of real) if (!decided.has(f.rule) && !added.has(f.rule)) added.set(f.rule, { ...f, message: `${f.message} (reported by manage.py check --deploy)` });
  return [...kept, ...added.values()];
}
