/**
 * `--settings-source python` runs the project's settings with the real interpreter (Debian's Django
 * under /usr/bin/python3). What comes back from that child (an exception's text, the interpreter's last
 * stderr line) may quote a config var given with --env, such as the DATABASE_URL password: it is masked
 * before it is printed, in every format, and the file and line of the error stay whole.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { implanta } from '../cli/helpers/run-cli.js';

const PASSWORD = 'Zx9-pw-secret-42';
const DATABASE_URL = `postgres://app:${PASSWORD}@db.internal:5432/app`;
const scratch = mkdtempSync(join(tmpdir(), 'implanta-python-redaction-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function project(name: string, settingsTail: string): string {
  const root = join(scratch, name);
  mkdirSync(join(root, 'proj'), { recursive: true });
  writeFileSync(join(root, 'manage.py'), "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')\n");
  writeFileSync(join(root, 'proj', '__init__.py'), '');
  writeFileSync(
    join(root, 'proj', 'settings.py'),
    `import os\nimport sys\nfrom urllib.parse import urlparse\n\nSECRET_KEY = os.environ['SECRET_KEY']\nDEBUG = False\n_db = urlparse(os.environ['DATABASE_URL'])\n${settingsTail}\n`,
  );
  return root;
}

const python = (root: string, format: string) =>
  implanta(['check', root, '--settings-source', 'python', '--python', '/usr/bin/python3', '--env', `DATABASE_URL=${DATABASE_URL}`, '--env', 'SECRET_KEY=settings', '--format', format]);

for (const format of ['text', 'json', 'sarif']) {
  test(`an exception quoting the database password is printed masked (--format ${format})`, async () => {
    const root = project(`raise-${format}`, "raise RuntimeError(f'cannot reach {_db.hostname} with password {_db.password}')");
    const run = await python(root, format);
    assert.equal(run.code, 2, run.stderr);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.match(run.stderr, /cannot be imported: RuntimeError: cannot reach db\.internal with password \[redacted\] \(proj\/settings\.py:8\)/);
    assert.ok(!(run.stdout + run.stderr).includes(PASSWORD));
  });

  test(`the interpreter's last stderr line is printed masked (--format ${format})`, async () => {
    const root = project(`stderr-${format}`, "print('connecting with', os.environ['DATABASE_URL'], 'password', _db.password, file=sys.stderr)\nos._exit(3)");
    const run = await python(root, format);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /cannot import settings proj\.settings with \/usr\/bin\/python3: connecting with \[redacted\] password \[redacted\]$/m);
    assert.ok(!(run.stdout + run.stderr).includes(PASSWORD));
  });
}
