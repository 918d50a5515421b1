import { debugRule } from '../../src/codebase/debug.js';
import { Unknown } from '../../src/project/python-value.js';
import { projectFacts } from '../helpers/project-facts.js';
import { testRule } from '../helpers/rule-tester.js';
import { settingsFacts } from '../helpers/settings-facts.js';

/** A project helper with the usual shape: the default when the variable is unset, else the parsed value. */
const ENVS = `
  import os

  def get_bool(name, default):
      value = os.environ.get(name)
      if value is None:
          return default
      return value.lower() == 'true'
`;

testRule(debugRule, {
  pass: [
    { name: 'off, from the environment', facts: await settingsFacts(`import os\nDEBUG = os.getenv('DJANGO_DEBUG') == '1'`) },
    { name: 'off, from a set variable', facts: await settingsFacts(`import os\nDEBUG = os.environ['DJANGO_DEBUG'] == '1'`, { env: { DJANGO_DEBUG: '0' } }) },
    { name: "a helper's default while the variable is unset", facts: await settingsFacts(`from proj.envs import get_bool\nDEBUG = get_bool('DEBUG', False)`, { files: { 'proj/envs.py': ENVS } }) },
    { name: 'a helper reading a set variable', facts: await settingsFacts(`from proj.envs import get_bool\nDEBUG = get_bool('DEBUG', True)`, { env: { DEBUG: 'false' }, files: { 'proj/envs.py': ENVS } }) },
    { name: 'not set: Django defaults to False', facts: projectFacts({ settings: {} }) },
    // DEBUG on, or unknown, is security.W018's fact (one owner).
    { name: 'a literal True is security.W018’s', facts: projectFacts({ settings: { DEBUG: true } }) },
    { name: 'unknown is security.W018’s', facts: projectFacts({ settings: { DEBUG: new Unknown('calls is_debug()', 'proj/settings.py', 4) } }) },
  ],
  fail: [
    {
      name: 'DEBUG on with a Django older than the Django rules cover (security.W018 skips)',
      facts: projectFacts({ settings: { DEBUG: true }, django: { major: 1, minor: 9, source: 'pin' } }),
      reports: [{ messageId: 'debug-on', severity: 'error', line: 1 }],
    },
    { name: 'a literal False', facts: projectFacts({ settings: { SECRET_KEY: 'x', DEBUG: false } }), reports: [{ messageId: 'literal-false', severity: 'info', line: 2 }] },
    {
      // The read on the next line belongs to another name: DEBUG itself is still written in the code.
      name: 'a literal False followed by an unrelated read',
      facts: await settingsFacts(`import os\nDEBUG = False\nredis = os.environ.get('REDIS_URL', 'redis://localhost')`),
      reports: [{ messageId: 'literal-false', severity: 'info', line: 2 }],
    },
    {
      name: 'a literal False through a variable',
      facts: await settingsFacts(`debug = False\nDEBUG = debug`),
      reports: [{ messageId: 'literal-false', severity: 'info', line: 2 }],
    },
  ],
  skip: [{ name: 'no evaluation', facts: projectFacts({}), reason: /not evaluated/ }],
});
