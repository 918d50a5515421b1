import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveHostTargets } from '../../src/heroku/dns-lookup.js';

test('a name that cannot resolve gives null instead of throwing', async () => {
  // .invalid never resolves (RFC 6761): NXDOMAIN online, a failed lookup offline; null either way.
  assert.equal(await resolveHostTargets('implanta-check.invalid'), null);
});
