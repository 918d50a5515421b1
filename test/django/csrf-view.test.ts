import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { csrfFailureViewFacts, inspectCsrfFailureView } from '../../src/django/csrf-view.js';
import type { CsrfViewFacts } from '../../src/django/facts.js';
import { readParams, requestReasonProblem } from '../../src/django/view-signature.js';
import { parsePython } from '../../src/project/settings/parser.js';
import { settingsView } from '../helpers/settings-view.js';

const ROOT = fileURLToPath(new URL('../fixtures/django/csrf-views/', import.meta.url));

/**
 * What implanta concludes for each path. The Django column is what Django 3.2's check_csrf_failure_view
 * really does with the same fixture (run once by hand; the oracle test repeats it for the decidable ones).
 */
const CASES: [path: string, kind: CsrfViewFacts['kind'], extra?: Record<string, unknown>][] = [
  ['proj.views.good', 'ok'], // Django: passes
  ['proj.views.positional', 'ok'], // passes
  ['proj.views.keyword_only', 'ok'], // passes
  ['proj.views.catch_all_keywords', 'ok'], // passes
  ['proj.views.catch_all', 'ok'], // passes
  ['proj.views.annotated', 'ok'], // passes
  ['proj.views.async_view', 'ok'], // passes
  ['proj.views.decorated_by_django', 'ok'], // passes
  ['proj.views.redefined', 'ok'], // passes: the last definition wins
  ['proj.pkg.package_view', 'ok'], // passes
  ['proj.views.no_reason', 'bad-signature'], // E101
  ['proj.views.needs_extra', 'bad-signature'], // E101
  ['proj.views.reason_first', 'bad-signature'], // E101
  ['proj.views.takes_nothing', 'bad-signature'], // E101
  ['proj.views.positional_only_reason', 'bad-signature'], // E101
  ['proj.views.decorated_by_django_alias', 'bad-signature'], // E101
  ['noDot', 'not-importable', { djangoCrashes: false }], // E102
  ['proj.a.b.x', 'not-importable', { djangoCrashes: false }], // E102
  ['proj.views.missing', 'not-importable', { djangoCrashes: true }], // ViewDoesNotExist
  ['proj.nomod.x', 'not-importable', { djangoCrashes: true }], // ViewDoesNotExist
  ['proj.nsdir.x', 'not-importable', { djangoCrashes: true }], // ViewDoesNotExist
  ['thirdparty.views.x', 'unknown', { about: 'import' }], // E102 here, but could be an installed package
  ['proj.star.good', 'unknown', { about: 'import' }], // passes
  ['proj.lazy.x', 'unknown', { about: 'import' }], // ViewDoesNotExist
  ['proj.broken.broken', 'unknown', { about: 'import' }], // SyntaxError
  ['proj.views.conditional', 'unknown', { about: 'import' }], // passes
  ['proj.views.decorated_by_other', 'unknown', { about: 'signature' }], // passes
  ['proj.views.ClassView', 'unknown', { about: 'signature' }], // E101
  ['proj.views.assigned', 'unknown', { about: 'signature' }], // passes
  ['django.views.csrf.csrf_failure', 'default'],
];

for (const [path, kind, extra] of CASES) {
  test(`CSRF_FAILURE_VIEW=${path} → ${kind}`, async () => {
    const facts = await inspectCsrfFailureView(ROOT, path);
    assert.equal(facts.kind, kind, JSON.stringify(facts));
    for (const [key, value] of Object.entries(extra ?? {})) assert.equal((facts as Record<string, unknown>)[key], value, key);
  });
}

test('a found view points at its def line in its file', async () => {
  const facts = await inspectCsrfFailureView(ROOT, 'proj.views.no_reason');
  assert.deepEqual(facts, { kind: 'bad-signature', file: 'proj/views.py', line: 15, problem: "it has no 'reason' parameter" });
});

test('the gatherer reads the setting: absent means the default view', async () => {
  assert.deepEqual(await csrfFailureViewFacts(ROOT, settingsView({})), { kind: 'default' });
  assert.equal((await csrfFailureViewFacts(ROOT, settingsView({ CSRF_FAILURE_VIEW: 'proj.views.good' })))?.kind, 'ok');
});

const SIGNATURES: [params: string, problem: RegExp | undefined][] = [
  ['request, reason=""', undefined],
  ['request, *, reason', undefined],
  ['*args, reason', undefined],
  ['request, x=1, /, reason=2', undefined],
  ['reason, /, **kw', undefined],
  ['request, **kw', undefined],
  ['request', /no 'reason'/],
  ['', /no positional/],
  ['*, request, reason', /no positional/],
  ['reason', /first parameter is 'reason'/],
  ['request, reason, /, **kw', /positional-only/],
  ['request, *, reason, extra', /requires 'extra'/],
  ['request, reason="", *args, x', /requires 'x'/],
];

for (const [params, problem] of SIGNATURES) {
  test(`def view(${params}) ${problem ? 'fails' : 'binds'} (request, reason=…)`, async () => {
    const tree = (await parsePython(`def view(${params}):\n    pass\n`))!;
    const parameters = tree.rootNode.namedChildren[0]!.childForFieldName('parameters')!;
    const found = requestReasonProblem(readParams(parameters));
    if (problem) assert.match(found ?? '', problem);
    else assert.equal(found, undefined);
  });
}
