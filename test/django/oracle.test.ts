import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { caseSettings, oracleCases, type OracleCase } from './oracle/cases.js';
import { djangoIds, implantaIds, pool, writeProject, type DjangoOutcome } from './oracle/generate.js';

/**
 * The oracle: Debian's real Django 3.2 runs `manage.py check --deploy` on many small generated projects,
 * and implanta must name exactly the same check IDs for each.
 */
interface Verdict {
  c: OracleCase;
  django: DjangoOutcome;
  implanta: string[];
}

const cases = oracleCases();
let root: string;
let verdicts: Verdict[];

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'implanta-oracle-'));
  verdicts = await pool(cases, 2, async (c, i) => {
    const dir = join(root, String(i));
    const settings = caseSettings(c);
    await writeProject(dir, settings);
    const [django, implanta] = await Promise.all([djangoIds(dir, c.env), implantaIds(dir, settings, c.env)]);
    return { c, django, implanta };
  });
});

after(() => rm(root, { recursive: true, force: true }));

function diff(expected: string[], actual: string[]): string {
  const missing = expected.filter((id) => !actual.includes(id));
  const extra = actual.filter((id) => !expected.includes(id));
  return [`Django:   ${expected.join(' ') || '(nothing)'}`, `implanta: ${actual.join(' ') || '(nothing)'}`, missing.length ? `implanta misses ${missing.join(' ')}` : '', extra.length ? `implanta adds ${extra.join(' ')}` : '']
    .filter(Boolean)
    .join('\n');
}

test('implanta names exactly the IDs real Django 3.2 reports, case by case', (t) => {
  t.diagnostic(`${cases.length} generated projects`);
  assert.ok(cases.length >= 150, `only ${cases.length} cases`);
  const failures: string[] = [];
  for (const { c, django, implanta } of verdicts) {
    if ('crash' in django) {
      if (c.djangoCrashes !== django.crash) failures.push(`${c.name}: Django crashed unexpectedly (${django.crash})\n${django.output.slice(-600)}`);
      else if (!implanta.includes('security.E102')) failures.push(`${c.name}: Django cannot load the view (${django.crash}); implanta must report security.E102, got ${implanta.join(' ') || 'nothing'}`);
      continue;
    }
    if (c.djangoCrashes) failures.push(`${c.name}: expected Django to crash with ${c.djangoCrashes}, it reported ${django.ids.join(' ') || 'nothing'}`);
    else if (django.ids.join(' ') !== implanta.join(' ')) failures.push(`${c.name}\n${diff(django.ids, implanta)}`);
  }
  assert.equal(failures.length, 0, `${failures.length} of ${cases.length} cases differ:\n\n${failures.join('\n\n')}`);
});

test('the oracle exercises every Django 3.2 rule it can, both firing and silent', () => {
  const reported = new Set(verdicts.flatMap((v) => ('ids' in v.django ? v.django.ids : [])));
  for (const id of ['security.W001', 'security.W002', 'security.W003', 'security.W004', 'security.W005', 'security.W006', 'security.W008', 'security.W009', 'security.W010', 'security.W011', 'security.W012', 'security.W013', 'security.W014', 'security.W015', 'security.W016', 'security.W018', 'security.W019', 'security.W020', 'security.W021', 'security.W022', 'security.E023', 'security.E100', 'security.E101', 'security.E102', 'async.E001', 'caches.W002']) {
    assert.ok(reported.has(id), `no case makes Django report ${id}`);
  }
  const sound = verdicts.find((v) => v.c.name === 'the sound base');
  assert.deepEqual(sound?.django, { ids: [] });
});
