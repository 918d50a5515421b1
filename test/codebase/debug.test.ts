import { debugRule } from '../../src/codebase/debug.js';
import { Unknown } from '../../src/project/python-value.js';
import { envRead, projectFacts } from '../helpers/project-facts.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(debugRule, {
  pass: [
    { name: 'off, from the environment', facts: projectFacts({ settings: { DEBUG: false }, envReads: [envRead('DJANGO_DEBUG', 1, false, 'os.getenv')] }) },
    { name: 'not set: Django defaults to False', facts: projectFacts({ settings: {} }) },
  ],
  fail: [
    { name: 'a literal False', facts: projectFacts({ settings: { SECRET_KEY: 'x', DEBUG: false } }), reports: [{ messageId: 'literal-false', severity: 'info', line: 2 }] },
    { name: 'a literal True', facts: projectFacts({ settings: { DEBUG: true } }), reports: [{ messageId: 'debug-on', severity: 'error', file: 'proj/settings.py', line: 1 }] },
    {
      name: 'on because the environment says so',
      facts: projectFacts({ settings: { DEBUG: true }, envReads: [envRead('DEBUG', 1, false, 'environ.Env.bool')], env: { DEBUG: 'on' } }),
      reports: [{ messageId: 'debug-on', severity: 'error' }],
    },
    { name: 'unknown', facts: projectFacts({ settings: { DEBUG: new Unknown('calls is_debug()', 'proj/settings.py', 4) } }), reports: [{ messageId: 'cannot-tell', severity: 'info', line: 4 }] },
  ],
  skip: [{ name: 'no evaluation', facts: projectFacts({}), reason: /not evaluated/ }],
});
