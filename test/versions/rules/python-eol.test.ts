import { pythonEolRule } from '../../../src/versions/rules/python-eol.js';
import { djangoFacts, facts, pythonFacts } from '../helpers/facts.js';
import { testRule } from '../../helpers/rule-tester.js';

const on = (python: string, django?: string) => facts({ python: pythonFacts(python), ...(django && { django: djangoFacts(django) }) });
const AT = { file: '.python-version', line: 1 };

testRule(pythonEolRule, {
  pass: [
    { name: '3.12 with Django 5.2', facts: on('3.12', '5.2') },
    { name: 'a patch release: 3.13.1 with Django 5.2', facts: on('3.13.1', '5.2') },
    { name: '3.12 without Django', facts: on('3.12') },
  ],
  fail: [
    // The hint names the newest Python that Heroku builds, is not near its end and Django runs.
    { name: 'past end of life', facts: on('3.9', '4.2'), reports: [{ messageId: 'end-of-life', severity: 'error', ...AT, mentions: ['Python 3.9', '2025-10-31', 'implanta upgrade python --to 3.12'] }] },
    { name: 'the hint follows Django', facts: on('3.9', '5.2'), reports: [{ messageId: 'end-of-life', mentions: ['implanta upgrade python --to 3.13', 'Django 5.2 does not support Python 3.9'] }] },
    {
      // One declaration, one finding: the failed build leads, and the other consequences are named in it.
      name: 'past end of life, not built by Heroku, not supported by Django: one report naming all three',
      facts: on('3.8.18', '5.2'),
      reports: [{ messageId: 'heroku-unsupported', severity: 'error', ...AT, mentions: ['no longer builds Python 3.8', 'end of life on 2024-10-07', 'Django 5.2 does not support Python 3.8', '3.10, 3.11, 3.12, 3.13, 3.14'] }],
    },
    { name: 'a series Heroku does not build yet', facts: on('3.14', '5.2'), reports: [{ messageId: 'heroku-unsupported', severity: 'error', ...AT, mentions: ['Python 3.14'] }] },
    { name: 'a series the project’s Django does not support', facts: on('3.13', '4.2'), reports: [{ messageId: 'django-unsupported', severity: 'error', ...AT, mentions: ['Django 4.2', 'Python 3.13', '3.8, 3.9, 3.10, 3.11, 3.12'] }] },
    { name: 'near end of life', facts: on('3.11'), reports: [{ messageId: 'ending', severity: 'warning', ...AT, mentions: ['2027-04-30', '154 days'] }] },
    // It owns Python support: a series the data does not know is a warning, not a silent skip.
    { name: 'a series the data does not know', facts: on('3.99'), reports: [{ messageId: 'unknown-series', severity: 'warning' }] },
  ],
  skip: [
    { name: 'no declaration', facts: facts(), reason: /^no \.python-version, runtime\.txt or Pipfile\.lock Python version: Heroku builds with its default Python$/ },
    { name: 'a malformed declaration', facts: facts({ python: { declared: { version: 'python3.12', file: 'runtime.txt', line: 1 } } }), reason: /^runtime\.txt declares "python3\.12", which is not a Python version$/ },
  ],
});
