/**
 * A stranger's requirements.txt, checked in CI: includes that reach for implanta's own environment or
 * files outside the repository, and a malformed index line carrying a token. Every report format names
 * the lines; none shows what those files hold or the token.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { implanta } from './helpers/run-cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'implanta-hostile-requirements-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const root = join(scratch, 'hollow');
cpSync(resolve(import.meta.dirname, '../../examples/hollow'), root, { recursive: true });
writeFileSync(join(scratch, 'outside.txt'), 'leaked-package==6.6.6\n');
writeFileSync(
  join(root, 'requirements.txt'),
  [
    'Django==5.2.8',
    '-r /proc/self/environ',
    '-c ../outside.txt',
    '--index-url https://user:hunter2pass@pypi.corp.example/simple?token=qs-token-1 --bogus',
    'gunicorn==23.0.0',
  ].join('\n') + '\n',
);
/** In implanta's own environment: what `-r /proc/self/environ` would quote. */
const CANARY = 'environ-canary-55x';
const NEVER = [CANARY, 'leaked-package', 'hunter2pass', 'qs-token-1', 'pypi.corp'];

for (const format of ['text', 'json', 'sarif', 'github', 'html']) {
  test(`--format ${format}: the includes and the malformed line are named, nothing they point at is shown`, async () => {
    const run = await implanta(['check', root, '--format', format], { env: { IMPLANTA_TEST_CANARY: CANARY }, timeoutMs: 90_000 });
    assert.equal(run.code, 1, run.stderr);
    const out = run.stdout + run.stderr;
    for (const secret of NEVER) assert.ok(!out.includes(secret), `${secret} is shown`);
    assert.match(out, /-r \/proc\/self\/environ leads outside the project: implanta does not read it/);
    assert.match(out, /-c \.\.\/outside\.txt leads outside the project/);
    assert.match(out, /Invalid line &#39;--index-url \*\*\* --bogus&#39;|Invalid line '--index-url \*\*\* --bogus'/);
  });
}

test('--format json: each problem sits on its line of requirements.txt', async () => {
  const run = await implanta(['check', root, '--format', 'json'], { env: { IMPLANTA_TEST_CANARY: CANARY }, timeoutMs: 90_000 });
  const report = JSON.parse(run.stdout) as { findings: { rule: string; file?: string; line?: number }[] };
  const places = report.findings.filter((f) => f.rule === 'codebase.dependencies').map((f) => `${f.file}:${f.line}`);
  assert.deepEqual(places.sort(), ['requirements.txt:2', 'requirements.txt:3', 'requirements.txt:4']);
});
