import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRules } from '../../../src/core/engine.js';
import { vulnerableRule } from '../../../src/versions/rules/vulnerable.js';
import type { Advisory } from '../../../src/versions/versions-facts.js';
import { facts, pkg, requirement } from '../helpers/facts.js';

const run = (f: ReturnType<typeof facts>) => runRules([vulnerableRule], f);

const ghsa: Advisory = { id: 'GHSA-aaaa-bbbb-cccc', aliases: ['CVE-2024-0001'], fixed: ['4.2.8'], fixedAbovePin: '4.2.8', url: 'https://example.test/GHSA' };
const pysec: Advisory = { id: 'PYSEC-2024-1', aliases: [], fixed: [], url: 'https://osv.dev/vulnerability/PYSEC-2024-1' };

test('versions.vulnerable passes pins without advisories and ranges it cannot judge', () => {
  const { findings, skipped } = run(
    facts({ packages: [pkg(requirement('Django', '==5.2.8'), { vulnerabilities: [] }), pkg(requirement('requests', '>=2'))] }),
  );
  assert.deepEqual(findings, []);
  assert.deepEqual(skipped, []);
});

test('versions.vulnerable: one error per vulnerable pin with its advisories, fixes and the release to move to', () => {
  const { findings } = run(
    facts({
      packages: [
        pkg(requirement('Django', '==4.2.7', { line: 2 }), { vulnerabilities: [ghsa, { ...pysec, fixed: ['4.2.10'], fixedAbovePin: '4.2.10' }], safeUpgrade: '4.2.10' }),
        pkg(requirement('pillow', '', { line: 5 }), { pinned: '9.0.0', pinnedBy: { file: 'constraints.txt', line: 7 }, vulnerabilities: [pysec] }),
      ],
    }),
  );
  assert.deepEqual(
    findings.map((f) => [f.severity, f.file, f.line, f.message, f.hint]),
    [
      [
        'error', 'requirements.txt', 2,
        'Django 4.2.7 has 2 known vulnerabilities: GHSA-aaaa-bbbb-cccc (CVE-2024-0001), fixed in 4.2.8; PYSEC-2024-1, fixed in 4.2.10.',
        'implanta upgrade django --to 4.2.10: the lowest release no known advisory affects.',
      ],
      [
        'error', 'constraints.txt', 7,
        'pillow 9.0.0 has a known vulnerability: PYSEC-2024-1, no fixed release yet.',
        'No release fixes every advisory yet; read them for workarounds: https://osv.dev/vulnerability/PYSEC-2024-1',
      ],
    ],
  );
});

test('versions.vulnerable skips with the reason when OSV could not be asked', () => {
  const reason = 'OSV not reachable at http://127.0.0.1:9/v1/querybatch: ECONNREFUSED';
  const { findings, skipped } = run(facts({ osv: { source: 'http://127.0.0.1:9', skipped: reason } }));
  assert.deepEqual(findings, []);
  assert.deepEqual(skipped, [{ rule: 'versions.vulnerable', reason }]);
});
