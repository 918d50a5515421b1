import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutputLogs } from '../../../src/local/streams/output-log.js';
import { serveOutput } from '../../../src/local/streams/serve-output.js';

async function serving(t: { after(fn: () => unknown): void }) {
  const dir = mkdtempSync(join(tmpdir(), 'implanta-streams-'));
  const logs = new OutputLogs(dir);
  const server = createServer((req, res) => serveOutput(req, res, logs.get(req.url!.slice(1))));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });
  return { logs, dir, url: (id: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/${id}` };
}

test('a reader that comes while the build runs gets each line as it is written, then the end', async (t) => {
  const { logs, url } = await serving(t);
  const log = logs.create('build-1');
  log.line('-----> Building on the Heroku-24 stack');
  const response = await fetch(url('build-1'));
  assert.equal(response.status, 200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  assert.equal(decoder.decode((await reader.read()).value), '-----> Building on the Heroku-24 stack\n');
  log.line('-----> Python app detected');
  assert.equal(decoder.decode((await reader.read()).value), '-----> Python app detected\n');
  log.end();
  assert.equal((await reader.read()).done, true);
});

test('a finished stream answers whole, from a byte with Range, 416 past its end, and again after a restart', async (t) => {
  const { logs, dir, url } = await serving(t);
  const log = logs.create('build-2');
  log.line('one');
  log.line('two');
  log.end();
  assert.equal(await (await fetch(url('build-2'))).text(), 'one\ntwo\n');
  const resumed = await fetch(url('build-2'), { headers: { Range: 'bytes=4-' } });
  assert.equal(resumed.status, 206);
  assert.equal(await resumed.text(), 'two\n');
  assert.equal((await fetch(url('build-2'), { headers: { Range: 'bytes=8-' } })).status, 416);
  assert.equal(new OutputLogs(dir).get('build-2')?.read().toString(), 'one\ntwo\n');
  assert.equal((await fetch(url('no-such-build'))).status, 404);
});
