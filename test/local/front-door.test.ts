import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { git, appRepo, startRunningPlatform, TOKEN } from '../helpers/local-runtime.js';

/** GET over HTTPS on the platform's port, trusting only its own certificate. */
function httpsGet(url: string, ca: string, headers: Record<string, string>): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('the API port answers HTTPS with the platform certificate for 127.0.0.1, and plain HTTP as before', async (t) => {
  const local = await startRunningPlatform(t);
  assert.ok(local.certificatePath);
  const ca = readFileSync(local.certificatePath, 'utf8');
  const secure = local.url.replace('http://', 'https://');
  const account = await httpsGet(`${secure}/account`, ca, { Authorization: `Bearer ${TOKEN}` });
  assert.equal(account.status, 200);
  assert.equal(JSON.parse(account.body).email, 'developer@implanta.local');
  assert.equal((await fetch(`${local.url}/account`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status, 200);
  // Not trusted unless told: a client without the certificate refuses the connection.
  await assert.rejects(httpsGet(`${secure}/account`, '', {}), /self.signed|unable to verify|certificate/i);
});

test('git is served at /APP.git too, over HTTPS, and its refusals are JSON error bodies', async (t) => {
  const local = await startRunningPlatform(t);
  await local.call('POST', '/apps', { name: 'root-git' });
  const ca = readFileSync(local.certificatePath!, 'utf8');
  const secure = local.url.replace('http://', 'https://');
  const basic = { Authorization: `Basic ${Buffer.from(`heroku:${TOKEN}`).toString('base64')}` };
  const refs = await httpsGet(`${secure}/root-git.git/info/refs?service=git-receive-pack`, ca, basic);
  assert.equal(refs.status, 200);
  assert.equal(refs.type, 'application/x-git-receive-pack-advertisement');

  const unauthorized = await fetch(`${local.url}/root-git.git/info/refs?service=git-receive-pack`);
  assert.equal(unauthorized.status, 401);
  assert.match(unauthorized.headers.get('www-authenticate') ?? '', /^Basic realm=/);
  assert.equal((await unauthorized.json() as { id: string }).id, 'unauthorized');
  const missing = await fetch(`${local.url}/git/nobody.git/info/refs?service=git-receive-pack`, { headers: basic });
  assert.equal(missing.status, 404);
  assert.deepEqual(await missing.json(), { id: 'not_found', message: "Couldn't find that app." });

  // git itself, trusting the certificate, clones the (empty) app over HTTPS.
  const repo = await appRepo(t, { 'README.md': 'hello\n' });
  const helper = `!f() { test "$1" = get && printf 'username=heroku\\npassword=%s\\n' "${TOKEN}"; }; f`;
  const listed = await git(repo, ['-c', 'credential.helper=', '-c', `credential.helper=${helper}`, 'ls-remote', `${secure}/root-git.git`], { GIT_SSL_CAINFO: local.certificatePath! });
  assert.equal(listed.code, 0, listed.output);
});
