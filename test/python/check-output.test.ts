import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCheckOutput, type CheckIssue } from '../../src/python/check-output.js';

// Shapes Django prints that the real projects in django-check.test.ts do not produce.
const cases: { name: string; output: string; issues: CheckIssue[] | undefined }[] = [
  {
    name: 'no issues',
    output: 'System check identified no issues (0 silenced).\n',
    issues: [],
  },
  {
    name: 'criticals and infos, a silenced count',
    output: [
      'SystemCheckError: System check identified some issues:',
      '',
      'CRITICALS:',
      '?: (caches.E001) You must define a \'default\' cache in your CACHES setting.',
      '',
      'INFOS:',
      'pages: (pages.I001) Just so you know.',
      '',
      'System check identified 2 issues (3 silenced).',
    ].join('\n'),
    issues: [
      { id: 'caches.E001', severity: 'error', message: "You must define a 'default' cache in your CACHES setting." },
      { id: 'pages.I001', severity: 'info', object: 'pages', message: 'Just so you know.' },
    ],
  },
  {
    name: 'a message and a hint spanning lines, after unrelated warnings on stderr',
    output: [
      '/usr/lib/python3/dist-packages/whitenoise/base.py:115: UserWarning: No directory at: /srv/staticfiles/',
      'System check identified some issues:',
      '',
      'WARNINGS:',
      '?: (app.W001) First line',
      'second line',
      '\tHINT: Do this',
      'then that.',
      '',
      'System check identified 1 issue (0 silenced).',
    ].join('\n'),
    issues: [{ id: 'app.W001', severity: 'warning', message: 'First line\nsecond line', hint: 'Do this\nthen that.' }],
  },
  {
    name: 'a footer that does not match the issues read',
    output: 'System check identified some issues:\n\nWARNINGS:\n?: (security.W018) DEBUG.\n\nSystem check identified 2 issues (0 silenced).',
    issues: undefined,
  },
  {
    name: 'a report cut off before its footer',
    output: 'System check identified some issues:\n\nWARNINGS:\n?: (security.W018) DEBUG.\n',
    issues: undefined,
  },
  {
    name: 'a traceback instead of a report',
    output: 'Traceback (most recent call last):\n  File "manage.py", line 3\nImportError: no Django',
    issues: undefined,
  },
];

describe('parseCheckOutput', () => {
  for (const c of cases) {
    test(c.name, () => {
      assert.deepEqual(parseCheckOutput(c.output), c.issues);
    });
  }
});
