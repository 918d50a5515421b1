/**
 * Redaction must not damage the report (docs/secrets.md). A config var whose value is a plain word
 * (`SECRET_KEY=settings`, `DEPLOY_ENV=production`) masks nothing; a real secret that happens to be part
 * of a path (`settings.py`) is masked in message text only, while every file location (JSON `file`,
 * SARIF artifact URIs, GitHub annotations, the HTML report's places, JUnit test names, the text report's places)
 * stays whole.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { implanta } from '../cli/helpers/run-cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'implanta-redaction-formats-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const root = join(scratch, 'hollow');
cpSync(resolve(import.meta.dirname, '../../examples/hollow'), root, { recursive: true });
// A committed env file with a credential: codebase.committed-env reports production.env by name.
writeFileSync(join(root, 'production.env'), 'SECRET_KEY=k-committed-9x\nDEBUG=false\n');

const FORMATS = ['text', 'json', 'sarif', 'github', 'html', 'junit'] as const;
/** How each format writes the location hollow/settings.py line 17. */
const LOCATION: Record<(typeof FORMATS)[number], RegExp> = {
  text: /hollow\/settings\.py:17\n/,
  json: /"file": "hollow\/settings\.py",\s*"line": 17/,
  sarif: /"uri": "hollow\/settings\.py"[^]*?"startLine": 17/,
  github: /file=hollow\/settings\.py,line=17,/,
  html: /<code class="where">hollow\/settings\.py:17<\/code>/,
  junit: /name="[\w.-]+ hollow\/settings\.py:17"/,
};

async function check(format: string, env: string[]): Promise<string> {
  const run = await implanta(['check', root, '--format', format, ...env.flatMap((e) => ['--env', e])]);
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  return run.stdout;
}

for (const format of FORMATS) {
  test(`plain words given as config vars mask nothing (--format ${format})`, async () => {
    const out = await check(format, ['SECRET_KEY=settings', 'DEPLOY_ENV=production', 'FEATURE_FLAG=true', 'TIMEOUT_MS=600000']);
    assert.ok(!out.includes('[redacted]'), 'nothing is masked');
    assert.match(out, LOCATION[format], 'security.W009 sits at hollow/settings.py:17');
    assert.match(out, /production\.env/, 'codebase.committed-env names production.env');
  });

  test(`a secret equal to part of a path is masked in messages, never in locations (--format ${format})`, async () => {
    const out = await check(format, ['DEPLOY_TOKEN=settings.py']);
    assert.match(out, /\(hollow\/\[redacted\]:17\)/, "codebase.required-env's message quotes the place, masked");
    assert.match(out, LOCATION[format], 'the location itself is whole');
    assert.ok(!out.includes('hollow/[redacted]"') && !out.includes('hollow/[redacted],'), 'no location is rewritten');
  });
}

test('json: every file field is a real path of the project', async () => {
  const report = JSON.parse(await check('json', ['DEPLOY_TOKEN=settings.py', 'OTHER_SECRET=requirements.txt'])) as { findings: { file?: string; message: string }[] };
  const files = new Set(report.findings.flatMap((f) => (f.file ? [f.file] : [])));
  assert.ok(files.has('hollow/settings.py') && files.has('requirements.txt'), [...files].join(', '));
  for (const file of files) assert.ok(!file.includes('[redacted]'), file);
});
