import { test } from 'node:test';
import { procfileRule } from '../../src/codebase/procfile.js';
import { assertReports, projectFacts, type Expected, type FactsInput } from '../helpers/project-facts.js';

const cases: Array<[string, FactsInput, Expected[]]> = [
  ['a web process', { procfile: 'web: gunicorn proj.wsgi\nrelease: python manage.py migrate\n' }, []],
  ['no Procfile', {}, [{ severity: 'error', message: /^no Procfile: Heroku would start no web process/ }]],
  ['a misnamed Procfile', { files: ['manage.py', 'procfile.txt'] }, [{ severity: 'error', message: /only a file named exactly 'Procfile'.*'procfile\.txt'/, file: 'procfile.txt' }]],
  [
    'malformed lines, each with its line',
    { procfile: 'web: gunicorn proj.wsgi\nworker celery\n\nclock :python clock.py\n' },
    [
      { severity: 'error', message: /^Procfile line 2: .*no colon/, file: 'Procfile', line: 2 },
      { severity: 'error', message: /^Procfile line 4: process type 'clock' is not a valid name/, file: 'Procfile', line: 4 },
    ],
  ],
  ['no web process', { procfile: 'worker: celery -A proj worker\n' }, [{ severity: 'error', message: /declares no web process \(it declares worker\)/, file: 'Procfile' }]],
  ['an empty Procfile', { procfile: '# nothing yet\n' }, [{ severity: 'error', message: /declares no web process: the app/ }]],
];

for (const [name, input, expected] of cases) {
  test(`codebase.procfile: ${name}`, () => assertReports(procfileRule, projectFacts(input), expected));
}
