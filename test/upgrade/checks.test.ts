import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../src/core/finding.js';
import { compareChecks, type CheckSnapshot } from '../../src/upgrade/checks.js';

function finding(rule: string, severity: Finding['severity'], message: string, file?: string): Finding {
  return { rule, area: 'versions', severity, message, ...(file && { file, line: 1 }) } as Finding;
}

function snapshot(...findings: Finding[]): CheckSnapshot {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return { counts, findings };
}

const cases: { name: string; before: Finding[]; after: Finding[]; introduced: string[] }[] = [
  { name: 'nothing changes', before: [finding('security.W004', 'warning', 'HSTS', 'hollow/settings.py')], after: [finding('security.W004', 'warning', 'HSTS', 'hollow/settings.py')], introduced: [] },
  { name: 'the same problem named with the new version is not new', before: [finding('versions.django-support', 'warning', 'Django 4.2 ends soon', 'requirements.txt')], after: [finding('versions.django-support', 'warning', 'Django 5.2 ends soon', 'requirements.txt')], introduced: [] },
  { name: 'a warning the upgrade brings is new', before: [], after: [finding('security.W025', 'warning', 'new in 5.2', 'hollow/settings.py')], introduced: ['security.W025'] },
  { name: 'an error the upgrade brings is new', before: [finding('security.W004', 'warning', 'x', 'a.py')], after: [finding('security.W004', 'warning', 'x', 'a.py'), finding('codebase.python-version', 'error', 'y', '.python-version')], introduced: ['codebase.python-version'] },
  { name: 'a new info finding does not fail the upgrade', before: [], after: [finding('versions.outdated', 'info', 'z', 'requirements.txt')], introduced: [] },
  { name: 'findings the upgrade removes are not held against it', before: [finding('versions.django-eol', 'error', 'past end of life', 'requirements.txt')], after: [], introduced: [] },
];

for (const { name, before, after, introduced } of cases) {
  test(`checks before and after: ${name}`, () => {
    const comparison = compareChecks(snapshot(...before), snapshot(...after));
    assert.deepEqual(comparison.introduced.map((f) => f.rule), introduced);
    assert.deepEqual(comparison.after, snapshot(...after).counts);
  });
}
