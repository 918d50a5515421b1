import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRules } from '../../../src/core/engine.js';
import { unpinnedRule } from '../../../src/versions/rules/unpinned.js';
import { facts, pkg, requirement } from '../helpers/facts.js';

const run = (f: ReturnType<typeof facts>) => runRules([unpinnedRule], f);

test('versions.unpinned passes exact pins, lock pins, constraint pins, direct URLs and editables', () => {
  const passing = [
    pkg(requirement('Django', '==5.2.8')),
    pkg(requirement('gunicorn', '===23.0.0')),
    // A lock file pins what requirements leave open.
    pkg(requirement('whitenoise', '>=6', { pinned: '6.8.2' })),
    pkg(requirement('psycopg', ''), { pinned: '3.2.3', pinnedBy: { file: 'constraints.txt', line: 4 } }),
    pkg(requirement('mylib', '', { url: 'git+https://example.test/mylib.git@v1.2#egg=mylib' }), { notOnIndex: true, index: 'not-asked' }),
    pkg(requirement('', '', { editable: true, url: '.' }), { notOnIndex: true, index: 'not-asked' }),
  ];
  const { findings, skipped } = run(facts({ packages: passing }));
  assert.deepEqual(findings, []);
  assert.deepEqual(skipped, []);
});

test('versions.unpinned: no version is an error, a range a warning, each at its line with the pin to write', () => {
  const { findings } = run(
    facts({
      packages: [
        pkg(requirement('requests', '', { line: 3 }), { latest: '2.32.3', resolves: '2.32.3' }),
        pkg(requirement('Django', '>=4.2,<5', { line: 1 }), { latest: '5.2.8', resolves: '4.2.26' }),
        pkg(requirement('dj-database-url', '~=2.1', { line: 2 }), { index: { skipped: 'PyPI not reachable' } }),
      ],
    }),
  );
  assert.deepEqual(
    findings.map((f) => [f.severity, f.line, f.message, f.hint]),
    [
      ['error', 3, 'requests has no version: every build installs whatever is newest that day.', 'Pin the version you tested: implanta upgrade requests --to 2.32.3 writes requests==2.32.3.'],
      ['warning', 1, 'Django>=4.2,<5 is a range: a build installs the newest release it admits (4.2.26 today), not the version you tested.', 'Pin the version you tested: implanta upgrade django --to 4.2.26 writes Django==4.2.26.'],
      ['warning', 2, 'dj-database-url~=2.1 is a range: a build installs the newest release it admits, not the version you tested.', 'Pin the version you tested: implanta upgrade dj-database-url writes dj-database-url==VERSION.'],
    ],
  );
  assert.ok(findings.every((f) => f.file === 'requirements.txt' && f.area === 'versions' && f.docs));
});

test('versions.unpinned skips a project without a dependency file', () => {
  const { findings, skipped } = run(facts({ dependencies: undefined }));
  assert.deepEqual(findings, []);
  assert.match(skipped[0]!.reason, /^no dependency file/);
});
