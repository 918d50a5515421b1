import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addonData, dynoSizeData, findDynoSize, findPostgresTier, findStack, postgresPlanData, stackData,
} from '../../src/heroku/platform-data.js';

test('every data file is dated and names its sources', () => {
  for (const data of [stackData(), dynoSizeData(), postgresPlanData(), addonData()]) {
    assert.match(data.as_of, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(data.sources.length > 0);
    for (const source of data.sources) assert.match(source, /^https:\/\//);
  }
});

test('dyno sizes match whatever the case, and by their older names', () => {
  assert.equal(findDynoSize('Standard-1X')?.name, 'standard-1x');
  assert.equal(findDynoSize('PERFORMANCE-L-RAM')?.memory_mb, 30720);
  assert.equal(findDynoSize('2X')?.name, 'standard-2x');
  assert.equal(findDynoSize('Private-Memory-L')?.name, 'private-l-ram');
  assert.equal(findDynoSize('Quantum-9X'), undefined);
});

test('the professional tiers are exactly standard, performance, private, shield and Fir', () => {
  const professional = new Set(dynoSizeData().sizes.filter((s) => s.professional).map((s) => s.tier));
  assert.deepEqual([...professional].sort(), ['fir', 'performance', 'private', 'shield', 'standard']);
});

test("WEB_CONCURRENCY follows the Python buildpack's rule: min(2 x cores + 1, memory MB / 256)", () => {
  for (const size of dynoSizeData().sizes) {
    if (size.generation === 'fir') {
      assert.equal(size.web_concurrency, null, size.name);
      continue;
    }
    const byMemory = Math.max(1, Math.floor(size.memory_mb / 256));
    // Shared sizes see the host's many cores, so memory decides.
    const expected = size.vcpu === null ? byMemory : Math.min(2 * size.vcpu + 1, byMemory);
    assert.equal(size.web_concurrency, expected, size.name);
  }
});

test('R15 limits: twice the quota on eco to performance-L, 1.2 above, the quota itself on private, shield and Fir', () => {
  assert.equal(findDynoSize('standard-1x')!.r15_multiple, 2);
  assert.equal(findDynoSize('performance-2xl')!.r15_multiple, 1.2);
  assert.equal(findDynoSize('private-m')!.r15_multiple, 1);
  assert.equal(findDynoSize('dyno-1c-0.5gb')!.r15_multiple, 1);
});

const plans: [string, string | undefined, boolean, boolean][] = [
  ['heroku-postgresql:essential-0', 'essential', false, false],
  ['mini', 'essential', false, false],
  ['hobby-dev', 'hobby', false, false],
  ['heroku-postgresql:standard-0', 'standard', true, false],
  ['premium-9', 'premium', true, true],
  ['private-2', 'private', true, true],
  ['shield-0', 'shield', true, true],
];
for (const [plan, tier, production, ha] of plans) {
  test(`Postgres plan ${plan}: ${tier}, production ${production}, HA ${ha}`, () => {
    const found = findPostgresTier(plan);
    assert.equal(found?.tier, tier);
    assert.equal(found?.production, production);
    assert.equal(found?.ha, ha);
  });
}

test('stacks: the default is supported, names match whatever the case', () => {
  assert.equal(findStack(stackData().default_stack)?.status, 'supported');
  assert.equal(findStack('Heroku-22')?.end_of_life, '2027-04-30');
  assert.equal(findStack('cedar-14'), undefined);
});
