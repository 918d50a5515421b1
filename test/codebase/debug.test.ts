import { debugRule } from '../../src/codebase/debug.js';
import { Unknown } from '../../src/project/python-value.js';
import { envRead, projectFacts } from '../helpers/project-facts.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(debugRule, {
  pass: [
    { name: 'off, from the environment', facts: projectFacts({ settings: { DEBUG: false }, envReads: [envRead('DJANGO_DEBUG', 1, false, 'os.getenv')] }) },
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
  ],
  skip: [{ name: 'no evaluation', facts: projectFacts({}), reason: /not evaluated/ }],
});
