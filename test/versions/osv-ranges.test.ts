import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedVersions, isAffected } from '../../src/versions/osv-ranges.js';
import { smallestSafeUpgrade } from '../../src/versions/advisories.js';
import { advisory } from './helpers/advisories.js';

const twoBranches = advisory('A', 'Django', [{ introduced: '0' }, { fixed: '3.2.20' }, { introduced: '4.0' }, { fixed: '4.2.8' }]);
const lastAffected = advisory('B', 'django', [{ introduced: '4.1' }, { last_affected: '4.1.3' }]);
const listed = { ...advisory('C', 'django', []), affected: [{ package: { ecosystem: 'PyPI', name: 'DJANGO' }, versions: ['4.2.7', '5.0'] }] };
const otherEcosystem = { ...advisory('D', 'django', []), affected: [{ package: { ecosystem: 'npm', name: 'django' }, versions: ['4.2.7'] }] };
const withdrawn = advisory('E', 'django', [{ introduced: '0' }], { withdrawn: '2024-02-01T00:00:00Z' });
const gitOnly = { ...advisory('F', 'django', []), affected: [{ package: { ecosystem: 'PyPI', name: 'django' }, ranges: [{ type: 'GIT', events: [{ introduced: '0' }] }] }] };

test('affected ranges: introduced/fixed, last_affected, explicit versions, and what does not count', () => {
  const cases: [string, typeof twoBranches, string, boolean][] = [
    ['from the first version', twoBranches, '1.11', true],
    ['the fix itself', twoBranches, '3.2.20', false],
    ['between branches', twoBranches, '3.2.25', false],
    ['second branch start', twoBranches, '4.0', true],
    ['second branch, pre-release of the fix', twoBranches, '4.2.8rc1', true],
    ['second branch fixed', twoBranches, '4.2.8', false],
    ['later', twoBranches, '5.0', false],
    ['last_affected is inclusive', lastAffected, '4.1.3', true],
    ['after last_affected', lastAffected, '4.1.4', false],
    ['before introduced', lastAffected, '4.0.10', false],
    ['listed version, name normalised', listed, '4.2.7', true],
    ['listed 5.0 matches 5.0.0', listed, '5.0.0', true],
    ['unlisted version', listed, '4.2.8', false],
    ['another ecosystem', otherEcosystem, '4.2.7', false],
    ['withdrawn advisory', withdrawn, '1.0', false],
    ['GIT ranges are not versions', gitOnly, '1.0', false],
    ['an unparseable pin', twoBranches, 'dev-main', false],
  ];
  for (const [what, vuln, version, expected] of cases) assert.equal(isAffected(vuln, 'django', version), expected, what);
});

test('fixed versions of one package, ascending, without other packages\' fixes', () => {
  const mixed = {
    ...twoBranches,
    affected: [...twoBranches.affected!, { package: { ecosystem: 'PyPI', name: 'djangorestframework' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.15' }] }] }],
  };
  assert.deepEqual(fixedVersions(mixed, 'django'), ['3.2.20', '4.2.8']);
  assert.deepEqual(fixedVersions(lastAffected, 'django'), []);
});

test('the smallest safe upgrade clears every advisory, skipping releases that are still affected', () => {
  const later = advisory('G', 'django', [{ introduced: '4.2' }, { fixed: '4.2.10' }]);
  const releases = ['4.2.7', '4.2.8', '4.2.9', '4.2.10', '4.2.11rc1', '5.0'];
  assert.equal(smallestSafeUpgrade([twoBranches, later], 'django', '4.2.7', releases), '4.2.10');
  assert.equal(smallestSafeUpgrade([twoBranches], 'django', '4.2.7', releases), '4.2.8');
  // Without the index, the advisories' own fixed versions are the candidates.
  assert.equal(smallestSafeUpgrade([twoBranches, later], 'django', '4.2.7', undefined), '4.2.10');
  const unfixed = advisory('H', 'django', [{ introduced: '0' }]);
  assert.equal(smallestSafeUpgrade([unfixed], 'django', '4.2.7', releases), undefined);
});
