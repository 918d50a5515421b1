import { procfileRule } from '../../src/codebase/procfile.js';
import { projectFacts } from '../helpers/project-facts.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(procfileRule, {
  pass: [{ name: 'a web process', facts: projectFacts({ procfile: 'web: gunicorn proj.wsgi\nrelease: python manage.py migrate\n' }) }],
  fail: [
    { name: 'no Procfile', facts: projectFacts({}), reports: [{ messageId: 'no-procfile', severity: 'error' }] },
    { name: 'a misnamed Procfile', facts: projectFacts({ files: ['manage.py', 'procfile.txt'] }), reports: [{ messageId: 'no-procfile', severity: 'error', file: 'procfile.txt', mentions: ["'procfile.txt'"] }] },
    {
      name: 'malformed lines, each with its line',
      facts: projectFacts({ procfile: 'web: gunicorn proj.wsgi\nworker celery\n\nclock :python clock.py\n' }),
      reports: [
        { messageId: 'bad-line', severity: 'error', file: 'Procfile', line: 2 },
        { messageId: 'bad-line', severity: 'error', file: 'Procfile', line: 4, mentions: ["'clock'"] },
      ],
    },
    { name: 'no web process', facts: projectFacts({ procfile: 'worker: celery -A proj worker\n' }), reports: [{ messageId: 'no-web', severity: 'error', file: 'Procfile', mentions: ['worker'] }] },
    { name: 'an empty Procfile', facts: projectFacts({ procfile: '# nothing yet\n' }), reports: [{ messageId: 'no-web', severity: 'error' }] },
  ],
  // datamade/openness-project-nmid: heroku.yml and app.json's "stack": "container", no Procfile.
  skip: [
    { name: 'the container stack (heroku.yml): no Procfile is read', facts: projectFacts({ container: { file: 'heroku.yml', line: 1 } }), reason: /heroku\.yml.*never a Procfile/ },
    { name: "app.json's container stack", facts: projectFacts({ procfile: 'worker: celery\n', container: { file: 'app.json', line: 27 } }), reason: /Docker \(app\.json\)/ },
  ],
});
