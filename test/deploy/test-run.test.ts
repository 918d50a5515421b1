import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import { appendNote, readNotes, readTestNote, NOTES_REF } from '../../src/deploy/notes.js';
import { runProjectTests } from '../../src/deploy/test-run.js';
import { commit, makeRepo, sh } from './helpers/git-repo.js';

function worktrees(repo: string): number {
  return sh(repo, ['worktree', 'list', '--porcelain']).split('\n').filter((l) => l.startsWith('worktree ')).length;
}

function leftoverTempDirs(before: Set<string>): string[] {
  return readdirSync(tmpdir()).filter((d) => d.startsWith('implanta-test-') && !before.has(d));
}

describe('runProjectTests', () => {
  it('tests the committed tip of the branch, not the edits in the working folder, and records a passing note', async () => {
    const repo = makeRepo({ 'state.txt': 'committed\n' });
    writeFileSync(join(repo, 'state.txt'), 'edited but not committed\n');
    const lines: string[] = [];
    const { commit: tested, note } = await runProjectTests({ repo, command: 'cat state.txt; grep -q "^committed$" state.txt', onOutput: (l) => lines.push(l) });
    assert.equal(tested, sh(repo, ['rev-parse', 'production']));
    assert.equal(note.result, 'passed');
    assert.equal(note.exit_code, 0);
    assert.deepEqual(lines, ['committed']);
    assert.deepEqual(await readTestNote(repo, tested), note);
    assert.equal(note.command, 'cat state.txt; grep -q "^committed$" state.txt');
    assert.ok(note.machine.length > 0);
    assert.ok(!Number.isNaN(Date.parse(note.at)));
    assert.equal(worktrees(repo), 1);
  });

  it('records a failing run with its exit status', async () => {
    const repo = makeRepo();
    const { note } = await runProjectTests({ repo, command: 'exit 3' });
    assert.equal(note.result, 'failed');
    assert.equal(note.exit_code, 3);
    assert.equal(worktrees(repo), 1);
  });

  it('passes the extra environment to the command', async () => {
    const repo = makeRepo();
    const { note } = await runProjectTests({ repo, command: 'test "$DJANGO_SETTINGS_MODULE" = hollow.settings', env: { DJANGO_SETTINGS_MODULE: 'hollow.settings' } });
    assert.equal(note.result, 'passed');
  });

  it('tests a given ref, and the config test_command when no command is given', async () => {
    const repo = makeRepo({ '.implanta.json': JSON.stringify({ test_command: 'test -f only-on-feature' }) });
    const base = sh(repo, ['rev-parse', 'HEAD']);
    sh(repo, ['switch', '--quiet', '-c', 'feature']);
    const feature = commit(repo, { 'only-on-feature': '' });
    assert.equal((await runProjectTests({ repo, ref: 'feature' })).note.result, 'passed');
    assert.equal((await runProjectTests({ repo, ref: base })).note.result, 'failed');
    assert.equal((await readTestNote(repo, feature))?.result, 'passed');
  });

  it('runs `<python> manage.py test` where manage.py is, by default', async () => {
    const repo = makeRepo({ 'site/manage.py': 'import sys\nprint("manage", *sys.argv[1:])\n' });
    const lines: string[] = [];
    const { note } = await runProjectTests({ repo, python: '/usr/bin/python3', onOutput: (l) => lines.push(l) });
    assert.equal(note.result, 'passed');
    assert.deepEqual(lines, ['manage test']);
    assert.match(note.command, /^\/usr\/bin\/python3 manage\.py test \(in site\)$/);
  });

  it('keeps a database password out of the recorded command', async () => {
    const repo = makeRepo();
    const { note } = await runProjectTests({ repo, command: 'DATABASE_URL=postgres://app:s3cretPassw0rd@127.0.0.1/x true' });
    assert.ok(!note.command.includes('s3cretPassw0rd'));
    assert.match(note.command, /postgres:\/\/app:\*\*\*@127\.0\.0\.1/);
  });

  it('appends to the note instead of replacing a deploy record already on the commit', async () => {
    const repo = makeRepo();
    const head = sh(repo, ['rev-parse', 'HEAD']);
    await appendNote(repo, head, { kind: 'deploy', app: 'demo', outcome: 'deployed', release: 4, at: '2026-01-01T00:00:00Z', by: 'a@b', implanta: '0.1.0' });
    await runProjectTests({ repo, command: 'true' });
    await runProjectTests({ repo, command: 'false' });
    const records = await readNotes(repo, head);
    assert.deepEqual(records.map((r) => r.kind), ['deploy', 'test', 'test']);
    assert.equal((await readTestNote(repo, head))?.result, 'failed');
    assert.match(sh(repo, ['notes', `--ref=${NOTES_REF}`, 'list']), new RegExp(head));
  });

  it('refuses a ref that does not exist', async () => {
    const repo = makeRepo();
    await assert.rejects(runProjectTests({ repo, ref: 'nope', command: 'true' }), (e: unknown) => e instanceof InputError && /nope: no such branch/.test(e.message));
  });

  it('removes the temporary worktree when interrupted with Ctrl-C', async () => {
    const repo = makeRepo();
    const before = new Set(readdirSync(tmpdir()));
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'helpers', 'interrupted-test-run.ts'), repo], { stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('started') && resolve()));
    assert.equal(worktrees(repo), 2);
    child.kill('SIGINT');
    const signal = await new Promise((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    assert.equal(signal, 'SIGINT');
    assert.equal(worktrees(repo), 1);
    assert.deepEqual(leftoverTempDirs(before), []);
    assert.equal(await readTestNote(repo, sh(repo, ['rev-parse', 'HEAD'])), undefined);
    assert.ok(existsSync(repo));
  });
});
