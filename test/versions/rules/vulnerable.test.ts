import { vulnerableRule } from '../../../src/versions/rules/vulnerable.js';
import type { Advisory } from '../../../src/versions/versions-facts.js';
import { facts, pkg, requirement } from '../helpers/facts.js';
import { testRule } from '../../helpers/rule-tester.js';

const ghsa: Advisory = { id: 'GHSA-aaaa-bbbb-cccc', aliases: ['CVE-2024-0001'], fixed: ['4.2.8'], fixedAbovePin: '4.2.8', url: 'https://example.test/GHSA' };
const pysec: Advisory = { id: 'PYSEC-2024-1', aliases: [], fixed: [], url: 'https://osv.dev/vulnerability/PYSEC-2024-1' };

testRule(vulnerableRule, {
  pass: [
    { name: 'a pin without advisories', facts: facts({ packages: [pkg(requirement('Django', '==5.2.8'), { vulnerabilities: [] })] }) },
    { name: 'a range it cannot judge', facts: facts({ packages: [pkg(requirement('requests', '>=2'))] }) },
  ],
  fail: [
    {
      name: 'one error per vulnerable pin with its advisories, fixes and the release to move to',
      facts: facts({
        packages: [
          pkg(requirement('Django', '==4.2.7', { line: 2 }), { vulnerabilities: [ghsa, { ...pysec, fixed: ['4.2.10'], fixedAbovePin: '4.2.10' }], safeUpgrade: '4.2.10' }),
          pkg(requirement('pillow', '', { line: 5 }), { pinned: '9.0.0', pinnedBy: { file: 'constraints.txt', line: 7 }, vulnerabilities: [pysec] }),
        ],
      }),
      reports: [
        {
          messageId: 'vulnerable',
          severity: 'error',
          file: 'requirements.txt',
          line: 2,
          mentions: ['Django 4.2.7', '2 known vulnerabilities', 'GHSA-aaaa-bbbb-cccc (CVE-2024-0001), fixed in 4.2.8', 'PYSEC-2024-1, fixed in 4.2.10', 'implanta upgrade django --to 4.2.10'],
        },
        // Pinned by a constraints file: the report points there.
        { messageId: 'vulnerable', severity: 'error', file: 'constraints.txt', line: 7, mentions: ['pillow 9.0.0', 'PYSEC-2024-1, no fixed release yet', 'https://osv.dev/vulnerability/PYSEC-2024-1'] },
      ],
    },
  ],
  skip: [
    {
      name: 'OSV could not be asked: the reason',
      facts: facts({ osv: { source: 'http://127.0.0.1:9', skipped: 'OSV not reachable at http://127.0.0.1:9/v1/querybatch: ECONNREFUSED' } }),
      reason: /^OSV not reachable at http:\/\/127\.0\.0\.1:9\/v1\/querybatch: ECONNREFUSED$/,
    },
  ],
});
