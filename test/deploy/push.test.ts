import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { pushCommit } from '../../src/deploy/push.js';
import { TEST_TOKEN } from './helpers/fake-api.js';
import { commit, makeRepo, sh } from './helpers/git-repo.js';
import { startGitServer, type GitServer } from './helpers/git-server.js';

const run = promisify(execFile);

describe('pushCommit', () => {
  let server: GitServer;
  before(async () => {
    server = await startGitServer(TEST_TOKEN);
  });
  after(() => server.close());

  it("pushes the commit to the app's main with the token from the environment, never in any argv", async () => {
    const repo = makeRepo({ 'app.py': 'print(1)\n' });
    const head = sh(repo, ['rev-parse', 'HEAD']);
    const lines: string[] = [];
    const result = await pushCommit({ repo, gitUrl: server.gitUrl, commit: head, token: TEST_TOKEN, onLine: (l) => lines.push(l) });
    assert.equal(result.outcome, 'pushed', result.message);
    assert.equal(sh(server.bare, ['rev-parse', 'refs/heads/main']), head);
    assert.deepEqual(server.leaks, []);
    assert.ok(!lines.join('\n').includes(TEST_TOKEN));
    assert.ok(!result.message.includes(TEST_TOKEN));
    // Nothing about the remote or its credentials is left in the user's repository.
    assert.equal(sh(repo, ['remote']), '');
    assert.ok(!sh(repo, ['config', '--list', '--local']).includes(TEST_TOKEN));
  });

  it('the argv scan does see a token put in a URL (the check above can fail)', async () => {
    const repo = makeRepo({ 'leak.txt': 'x\n' });
    const url = server.gitUrl.replace('http://', `http://heroku:${TEST_TOKEN}@`);
    // Asynchronously: the git server runs in this very process.
    await run('git', ['push', '--quiet', '--force', url, 'HEAD:refs/heads/leak'], { cwd: repo });
    assert.ok(server.leaks.length > 0);
    server.leaks.length = 0;
  });

  it('says when main already has the commit: the platform would build nothing', async () => {
    const repo = makeRepo({ 'a.txt': 'same\n' });
    const head = sh(repo, ['rev-parse', 'HEAD']);
    await pushCommit({ repo, gitUrl: server.gitUrl, commit: head, token: TEST_TOKEN, force: true });
    const again = await pushCommit({ repo, gitUrl: server.gitUrl, commit: head, token: TEST_TOKEN });
    assert.equal(again.outcome, 'up-to-date');
  });

  it("refuses a commit that does not descend from the app's main, unless forced", async () => {
    const first = makeRepo({ 'a.txt': 'one\n' });
    await pushCommit({ repo: first, gitUrl: server.gitUrl, commit: sh(first, ['rev-parse', 'HEAD']), token: TEST_TOKEN, force: true });
    const other = makeRepo({ 'b.txt': 'unrelated\n' });
    const head = sh(other, ['rev-parse', 'HEAD']);
    const refused = await pushCommit({ repo: other, gitUrl: server.gitUrl, commit: head, token: TEST_TOKEN });
    assert.equal(refused.outcome, 'rejected');
    assert.match(refused.message, /--force/);
    const forced = await pushCommit({ repo: other, gitUrl: server.gitUrl, commit: head, token: TEST_TOKEN, force: true });
    assert.equal(forced.outcome, 'pushed');
    assert.equal(sh(server.bare, ['rev-parse', 'refs/heads/main']), head);
  });

  it('reports a refused token as an authentication failure without quoting it', async () => {
    const repo = makeRepo();
    const wrong = 'hrku-wrong-token-000000';
    const result = await pushCommit({ repo, gitUrl: server.gitUrl, commit: sh(repo, ['rev-parse', 'HEAD']), token: wrong });
    assert.equal(result.outcome, 'auth-failed', result.message);
    assert.ok(!result.message.includes(wrong));
  });

  it('treats a push the platform accepted without building ("skipping build") as a failure', async () => {
    const hook = join(server.bare, 'hooks', 'post-receive');
    writeFileSync(hook, '#!/bin/sh\necho "Pushed to branch other than [main, master], skipping build." >&2\n');
    chmodSync(hook, 0o755);
    try {
      const repo = makeRepo({ 'c.txt': 'skip\n' });
      const result = await pushCommit({ repo, gitUrl: server.gitUrl, commit: sh(repo, ['rev-parse', 'HEAD']), token: TEST_TOKEN, force: true });
      assert.equal(result.outcome, 'skipped');
      assert.match(result.message, /did not build/);
      assert.ok(result.remote.some((l) => /skipping build/.test(l)));
    } finally {
      writeFileSync(hook, '#!/bin/sh\n');
    }
  });

  it('reports a push killed midway clearly', async () => {
    const hook = join(server.bare, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho "building..." >&2\nsleep 5\n');
    chmodSync(hook, 0o755);
    try {
      const repo = makeRepo({ 'd.txt': 'slow\n' });
      const result = await pushCommit({
        repo,
        gitUrl: server.gitUrl,
        commit: sh(repo, ['rev-parse', 'HEAD']),
        token: TEST_TOKEN,
        force: true,
        onStart: (kill) => setTimeout(kill, 500),
      });
      assert.equal(result.outcome, 'killed');
      assert.match(result.message, /killed by SIGTERM/);
    } finally {
      writeFileSync(hook, '#!/bin/sh\n');
    }
  });

  it('reports an unreachable git host with git\'s reason', async () => {
    const repo = makeRepo();
    commit(repo, { 'e.txt': 'x\n' });
    const result = await pushCommit({ repo, gitUrl: 'http://127.0.0.1:9/nothing.git', commit: sh(repo, ['rev-parse', 'HEAD']), token: TEST_TOKEN });
    assert.equal(result.outcome, 'failed');
    assert.match(result.message, /git push to http:\/\/127\.0\.0\.1:9\/nothing\.git failed/);
  });
});
