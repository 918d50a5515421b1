import type { OsvVulnerability } from '../../../src/versions/osv-schema.js';

/** OSV records in the schema's shape, small enough to read in a test. */
export function advisory(id: string, name: string, events: Record<string, string>[], extra: Partial<OsvVulnerability> = {}): OsvVulnerability {
  return {
    id,
    modified: '2024-01-01T00:00:00Z',
    summary: `${id} in ${name}`,
    affected: [{ package: { ecosystem: 'PyPI', name }, ranges: [{ type: 'ECOSYSTEM', events }] }],
    references: [{ type: 'ADVISORY', url: `https://example.test/${id}` }],
    ...extra,
  };
}
