import { test } from 'node:test';
import { debugRule } from '../../src/codebase/debug.js';
import { Unknown } from '../../src/project/python-value.js';
import { assertReports, envRead, projectFacts, type Expected, type FactsInput } from '../helpers/project-facts.js';

const cases: Array<[string, FactsInput, Expected[] | 'skip']> = [
  ['off, from the environment', { settings: { DEBUG: false }, envReads: [envRead('DJANGO_DEBUG', 1, false, 'os.getenv')] }, []],
  ['not set: Django defaults to False', { settings: {} }, []],
  ['a literal False', { settings: { SECRET_KEY: 'x', DEBUG: false } }, [{ severity: 'info', message: /^DEBUG is a literal False: fine in production, but it does not come from the environment/, line: 2 }]],
  ['a literal True', { settings: { DEBUG: true } }, [{ severity: 'error', message: /^DEBUG is True in this environment: any error page shows/, file: 'proj/settings.py', line: 1 }]],
  ['on because the environment says so', { settings: { DEBUG: true }, envReads: [envRead('DEBUG', 1, false, 'environ.Env.bool')], env: { DEBUG: 'on' } }, [{ severity: 'error', message: /^DEBUG is True in this environment \(from bool\('DEBUG'\)\)/ }]],
  ['unknown', { settings: { DEBUG: new Unknown("calls is_debug()", 'proj/settings.py', 4) } }, [{ severity: 'info', message: /^cannot tell whether DEBUG is on: calls is_debug\(\)/, line: 4 }]],
  ['no evaluation', {}, 'skip'],
];

for (const [name, input, expected] of cases) {
  test(`codebase.debug: ${name}`, () => assertReports(debugRule, projectFacts(input), expected));
}
