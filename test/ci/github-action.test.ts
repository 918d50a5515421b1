import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const SCRIPT = join(ROOT, 'scripts/github-action/check.sh');
const SECRET = 'sk-action-test-7c1e9a5b3d';
let workspace: string;

before(() => {
  // A repository whose Django project sits in a sub-folder, as GitHub checks it out.
  workspace = mkdtempSync(join(tmpdir(), 'implanta-action-'));
  cpSync(join(ROOT, 'examples/hollow'), join(workspace, 'site'), { recursive: true, filter: (src) => !src.endsWith('production.env') });
  writeFileSync(
    join(workspace, 'production.env'),
    `SECRET_KEY=${SECRET}-${'x'.repeat(40)}\nDEBUG=false\nALLOWED_HOSTS=hollow.example.org\nDATABASE_URL=postgres://u:${SECRET}@db.example.invalid:5432/hollow\n`,
  );
});
after(() => rmSync(workspace, { recursive: true, force: true }));

interface StepRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
}

/** The action's check step with the environment GitHub gives a composite step. */
function step(inputs: Record<string, string>): Promise<StepRun> {
  const outputFile = join(workspace, `output-${Math.random().toString(36).slice(2)}`);
  writeFileSync(outputFile, '');
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: outputFile, GITHUB_ACTION_PATH: ROOT, GITHUB_ACTIONS: 'true' };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] = value;
  return new Promise((done) => {
    execFile('bash', [SCRIPT], { env, encoding: 'utf8' }, (error, stdout, stderr) => {
      const outputs = Object.fromEntries(readFileSync(outputFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]));
      done({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr, outputs });
    });
  });
}

test('action.yml hands every input to the step as INPUT_*, and the step reads each one', () => {
  const action = readFileSync(join(ROOT, 'action.yml'), 'utf8');
  const script = readFileSync(SCRIPT, 'utf8');
  const inputsBlock = action.slice(action.indexOf('\ninputs:'), action.indexOf('\noutputs:'));
  const inputs = [...inputsBlock.matchAll(/^ {2}([a-z-]+):$/gm)].map((m) => m[1]!);
  assert.deepEqual(inputs, ['project', 'settings', 'env-file', 'fail-level', 'django-version', 'sarif-file', 'annotations']);
  for (const input of inputs) {
    const variable = `INPUT_${input.toUpperCase().replace(/-/g, '_')}`;
    assert.ok(action.includes(`${variable}: \${{ inputs.${input} }}`), `${variable} is mapped in action.yml`);
    assert.ok(script.includes(variable), `${variable} is read by the script`);
  }
  for (const output of ['sarif-file', 'exit-code', 'errors', 'warnings']) assert.ok(action.includes(`\${{ steps.check.outputs.${output} }}`));
});

test('findings at the fail level: SARIF written at repository paths, annotations printed, outputs set, step fails', async () => {
  const run = await step({ project: 'site', 'fail-level': 'error', annotations: 'true' });
  assert.equal(run.code, 1, run.stderr);
  assert.equal(run.outputs['sarif-file'], 'implanta.sarif');
  assert.equal(run.outputs['exit-code'], '1');
  assert.ok(Number(run.outputs.errors) >= 1);
  const sarif = JSON.parse(readFileSync(join(workspace, 'implanta.sarif'), 'utf8')) as { runs: Array<{ results: Array<{ level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
  const uris = sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
  assert.ok(uris.includes('site/hollow/settings.py'), uris.join(', '));
  assert.equal(sarif.runs[0]!.results.filter((r) => r.level === 'error').length, Number(run.outputs.errors));
  assert.match(run.stdout, /^::error file=site\/hollow\/settings\.py,line=\d+,title=implanta /m);
});

test('the production env file: no finding at the fail level passes the step, and no secret reaches the log or the SARIF', async () => {
  const run = await step({ project: 'site', 'env-file': 'production.env', 'fail-level': 'error', 'sarif-file': 'implanta-prod.sarif' });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.equal(run.outputs['exit-code'], '0');
  assert.equal(run.outputs.errors, '0');
  const sarif = readFileSync(join(workspace, 'implanta-prod.sarif'), 'utf8');
  for (const text of [run.stdout, run.stderr, sarif]) assert.ok(!text.includes(SECRET));
});

test('annotations off: the SARIF only; bad input: exit 2 with implanta\'s one line and no report', async () => {
  const quiet = await step({ project: 'site', annotations: 'false', 'fail-level': 'none', 'sarif-file': 'quiet.sarif' });
  assert.equal(quiet.code, 0);
  assert.doesNotMatch(quiet.stdout, /^::/m);
  assert.ok(existsSync(join(workspace, 'quiet.sarif')));

  const missing = await step({ project: 'no-such-folder', 'sarif-file': 'missing.sarif' });
  assert.equal(missing.code, 2);
  assert.equal(missing.outputs['exit-code'], '2');
  assert.equal(missing.stderr.trim().split('\n').length, 1, missing.stderr);
  assert.match(missing.stderr, /no-such-folder/);
  assert.ok(!existsSync(join(workspace, 'missing.sarif')));
});

test("a pull request's env file that sets NODE_OPTIONS runs none of its code; the file is read as the app's environment", async () => {
  // Node reads an --env-file even after the script (`node dist/main.cjs check --env-file F`) and applies
  // the NODE_OPTIONS it sets: the step must start implanta so that it cannot.
  const marker = join(workspace, 'ran-pull-request-code');
  writeFileSync(join(workspace, 'site', 'payload.cjs'), `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\n`);
  writeFileSync(join(workspace, 'hostile.env'), `NODE_OPTIONS="--require ${join(workspace, 'site', 'payload.cjs')}"\n${readFileSync(join(workspace, 'production.env'), 'utf8')}`);
  const run = await step({ project: 'site', 'env-file': 'hostile.env', 'fail-level': 'error', 'sarif-file': 'hostile.sarif' });
  assert.equal(existsSync(marker), false, 'the env file ran code in the step');
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.equal(run.outputs.errors, '0', 'the env file still gave the production settings');
});
