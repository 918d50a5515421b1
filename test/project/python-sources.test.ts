import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { inspectCsrfFailureView } from '../../src/django/csrf-view.js';
import { readChecklistCode } from '../../src/project/checklist-code.js';
import { PythonSources } from '../../src/project/python-sources.js';

const root = mkdtempSync(join(tmpdir(), 'implanta-sources-'));
const outside = mkdtempSync(join(tmpdir(), 'implanta-outside-'));
after(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});
mkdirSync(join(root, 'shop'));
mkdirSync(join(root, 'blog'));
mkdirSync(join(root, 'cart'));
writeFileSync(join(root, 'shop/views.py'), 'from django.core.mail import send_mail\n\ndef contact(request):\n    send_mail("hi", "body", None, ["a@example.org"])\n\ndef csrf_failure(request, reason=""):\n    return None\n');
// A hostile repository: a FIFO named models.py (a plain read would wait forever) and a link out of the project.
execFileSync('mkfifo', [join(root, 'blog/models.py')]);
writeFileSync(join(outside, 'models.py'), 'from django.db import models\nclass Leak(models.Model):\n    f = models.FileField()\n');
symlinkSync(join(outside, 'models.py'), join(root, 'cart/models.py'));

test('a module is parsed once however many readers ask for it', async () => {
  const sources = new PythonSources(root);
  const first = await sources.parse('shop/views.py');
  const second = await sources.parse('shop/views.py');
  assert.ok('tree' in first);
  assert.equal(second, first);
});

test('the CSRF failure view and the checklist read views.py from the same parse', async () => {
  const sources = new PythonSources(root);
  const code = await readChecklistCode(sources, ['shop/views.py']);
  assert.deepEqual(code.sendsMail, [{ file: 'shop/views.py', line: 4 }]);
  const parsed = await sources.parse('shop/views.py');
  assert.deepEqual(await inspectCsrfFailureView(root, 'shop.views.csrf_failure', sources), { kind: 'ok', file: 'shop/views.py', line: 6 });
  assert.equal(await sources.parse('shop/views.py'), parsed);
});

test('a FIFO named models.py is skipped, not waited on; a link out of the project is not followed', async () => {
  const sources = new PythonSources(root);
  assert.deepEqual(await sources.parse('blog/models.py'), { file: 'blog/models.py', unreadable: 'not a regular file' });
  assert.deepEqual(await sources.parse('cart/models.py'), { file: 'cart/models.py', unreadable: 'outside the project' });
  const code = await readChecklistCode(sources, ['blog/models.py', 'cart/models.py']);
  assert.deepEqual(code.uploadFields, []);
  assert.deepEqual(code.unread, [
    { file: 'blog/models.py', why: 'not a regular file' },
    { file: 'cart/models.py', why: 'outside the project' },
  ]);
});

test('a models.py past the parse cap is left out with its size, and the modules after it are still read', async () => {
  mkdirSync(join(root, 'big'));
  const classes = Array.from({ length: 6000 }, (_, i) => `class Model${i}(models.Model):\n    name = models.CharField(max_length=${i + 1})\n`);
  writeFileSync(join(root, 'big/models.py'), `from django.db import models\n${classes.join('')}class Upload(models.Model):\n    f = models.FileField()\n`);
  const sources = new PythonSources(root);
  const code = await readChecklistCode(sources, ['big/models.py', 'shop/views.py']);
  assert.equal(code.unread.length, 1);
  assert.equal(code.unread[0]!.file, 'big/models.py');
  assert.match(code.unread[0]!.why, /^too large to parse, \d+ KB \(over 100,000 syntax nodes\)$/);
  assert.deepEqual(code.sendsMail, [{ file: 'shop/views.py', line: 4 }]);
});
