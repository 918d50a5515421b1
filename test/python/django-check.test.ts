import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../src/core/errors.js';
import { readDotenvFile } from '../../src/project/dotenv.js';
import { runDjangoCheckDeploy } from '../../src/python/django-check.js';

const python = '/usr/bin/python3';
const repo = fileURLToPath(new URL('../../', import.meta.url));
const hollow = join(repo, 'examples', 'hollow');
const fixtures = join(repo, 'test', 'fixtures', 'python');
const productionEnv = readDotenvFile(join(hollow, 'production.env'));

describe('runDjangoCheckDeploy against real Django', () => {
  test('examples/hollow under its production environment is clean', async () => {
    const findings = await runDjangoCheckDeploy({ python, root: hollow, module: 'hollow.settings', env: productionEnv });

    assert.deepEqual(findings, []);
  });

  test('examples/hollow run like a developer laptop: the insecure settings are reported', async () => {
    const env = { SECRET_KEY: 'dev', DEBUG: 'true' };

    const findings = await runDjangoCheckDeploy({ python, root: hollow, module: 'hollow.settings', env });

    assert.deepEqual(findings.map((f) => f.rule).sort(), ['security.W009', 'security.W018', 'security.W020']);
    assert.ok(findings.every((f) => f.severity === 'warning' && f.area === 'django'));
  });

  test('a project with several warnings and an error: each finding under its Django ID and section', async () => {
    const findings = await runDjangoCheckDeploy({ python, root: join(fixtures, 'warnings'), module: 'shopsite.settings', env: {} });
    const byRule = new Map(findings.map((f) => [f.rule, f]));

    assert.deepEqual(byRule.get('fields.E120'), {
      rule: 'fields.E120',
      area: 'django',
      severity: 'error',
      message: "shop.Item.name: CharFields must define a 'max_length' attribute.",
    });
    assert.equal(byRule.get('security.W018')?.message, 'You should not have DEBUG set to True in deployment.');
    assert.equal(byRule.get('security.W018')?.severity, 'warning');
    const autoField = byRule.get('models.W042');
    assert.match(autoField?.message ?? '', /^shop\.Item: Auto-created primary key/);
    assert.match(autoField?.hint ?? '', /^Configure the DEFAULT_AUTO_FIELD setting/);
    assert.ok(['security.W001', 'security.W002', 'security.W003', 'security.W009', 'security.W020'].every((id) => byRule.has(id)));
    assert.equal(findings.filter((f) => f.severity === 'error').length, 1);
  });

  test('a project that cannot be imported: bad input with the last line of the traceback', async () => {
    await assert.rejects(runDjangoCheckDeploy({ python, root: join(fixtures, 'broken'), module: 'broken.settings', env: {} }), (error: unknown) => {
      assert.ok(error instanceof InputError);
      assert.equal(
        error.message,
        "`manage.py check --deploy` failed for settings broken.settings: ModuleNotFoundError: No module named 'django_nonexistent_extension'",
      );
      return true;
    });
  });

  test('a folder without manage.py: bad input saying so', async () => {
    await assert.rejects(runDjangoCheckDeploy({ python, root: fixtures, module: 'x.settings', env: {} }), /no manage\.py/);
  });
});
