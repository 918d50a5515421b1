import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildableUpdate, parseRefUpdates, touchesOtherBranches } from '../../../src/local/git/ref-updates.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const ZERO = '0'.repeat(40);

const cases: [string, string, string | undefined, boolean][] = [
  ['a push to main', `${A} ${B} refs/heads/main`, 'refs/heads/main', false],
  ['a push to master', `${A} ${B} refs/heads/master`, 'refs/heads/master', false],
  ['a first push to main', `${ZERO} ${B} refs/heads/main`, 'refs/heads/main', false],
  ['a push to another branch', `${A} ${B} refs/heads/feature`, undefined, true],
  ['a tag', `${ZERO} ${B} refs/tags/v1`, undefined, true],
  ['main deleted', `${A} ${ZERO} refs/heads/main`, undefined, false],
  ['main and a branch at once', `${A} ${B} refs/heads/feature\n${A} ${B} refs/heads/main\n`, 'refs/heads/main', true],
  ['nothing', '', undefined, false],
];

for (const [what, input, built, skipMessage] of cases) {
  test(`pre-receive: ${what} ${built ? `builds ${built}` : 'builds nothing'}${skipMessage ? ' and mentions the other refs' : ''}`, () => {
    const updates = parseRefUpdates(input);
    assert.equal(buildableUpdate(updates)?.ref, built);
    assert.equal(touchesOtherBranches(updates), skipMessage);
  });
}
