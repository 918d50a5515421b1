/**
 * A malformed requirements line is quoted in its problem, and problems are printed in every report
 * format. The quote never carries a secret: URL credentials, query-string values and the argument of
 * an option that says where packages come from are masked; the rest of the line stays, so the user
 * still sees which line is wrong and why.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readRequirementsFile } from '../../../src/project/requirements/requirements-file.js';
import { hideUrlSecrets, maskRequirementText } from '../../../src/project/requirements/url-credentials.js';

const scratch = mkdtempSync(join(tmpdir(), 'implanta-masked-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** [line, what the problem quotes instead, the secrets it must not show] */
const lines: [string, string, string[]][] = [
  ['--index-url https://user:hunter2pass@pypi.corp.example/simple?token=qs-token-1 --bogus', "'--index-url *** --bogus'", ['hunter2pass', 'qs-token-1', 'pypi.corp']],
  ['-i https://tok3n-value@pypi.corp.example/simple --bogus', "'-i *** --bogus'", ['tok3n-value']],
  ['-ihttps://joined-short.example/simple --bogus', "'-i*** --bogus'", ['joined-short']],
  ['--extra-index-url=https://pypi.corp.example/simple/?key=qs-token-2 --nonsense', "'--extra-index-url=*** --nonsense'", ['qs-token-2']],
  ['--extra https://prefix-host.example/simple --nonsense', "'--extra *** --nonsense'", ['prefix-host']],
  ['--trusted-host private.corp.example --zzz', "'--trusted-host *** --zzz'", ['private.corp']],
  ['--find-links https://links.example/?t=qs-token-6 -X', "'--find-links *** -X'", ['qs-token-6']],
  ['pkg[ https://u:pw-in-url@h.example/?a=qs-token-7', "'pkg[ https://***@h.example/?a=***'", ['pw-in-url', 'qs-token-7']],
];

test('each malformed line is quoted with its secrets masked, and the rest of it kept', () => {
  writeFileSync(join(scratch, 'requirements.txt'), lines.map(([line]) => line).join('\n') + '\n');
  const { problems } = readRequirementsFile(scratch, 'requirements.txt', {});
  assert.deepEqual(problems.map((p) => p.line), lines.map((_, i) => i + 1));
  lines.forEach(([, quoted, secrets], i) => {
    assert.ok(problems[i]!.message.includes(quoted), `${problems[i]!.message} should quote ${quoted}`);
    for (const secret of secrets) assert.ok(!problems[i]!.message.includes(secret), `${secret} in ${problems[i]!.message}`);
  });
});

test('a direct URL keeps its #egg fragment and loses its query values', () => {
  writeFileSync(join(scratch, 'requirements.txt'), 'tool @ https://files.example/tool-1.0-py3-none-any.whl?sig=qs-token-8&exp=9\ngit+https://tok@git.example/r.git#egg=r&subdirectory=lib\n');
  const { requirements, problems } = readRequirementsFile(scratch, 'requirements.txt', {});
  assert.deepEqual(problems, []);
  assert.deepEqual(requirements.map((r) => r.url), [
    'https://files.example/tool-1.0-py3-none-any.whl?sig=***&exp=***',
    'git+https://***@git.example/r.git#egg=r&subdirectory=lib',
  ]);
  assert.equal(requirements[0]!.pinned, '1.0', 'the version is read before masking');
});

test('include paths, names and SSH user names are not masked', () => {
  assert.equal(maskRequirementText('-r reqs/base.txt: cannot open it'), '-r reqs/base.txt: cannot open it');
  assert.equal(maskRequirementText("Invalid requirement: 'django=4.2'"), "Invalid requirement: 'django=4.2'");
  assert.equal(hideUrlSecrets('git+ssh://git@github.com/o/r.git'), 'git+ssh://git@github.com/o/r.git');
  assert.equal(maskRequirementText('--index-url'), '--index-url', 'no argument, nothing to mask');
  assert.equal(maskRequirementText('--pre --index-url -x'), '--pre --index-url -x', 'an option is not an argument');
});
