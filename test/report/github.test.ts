import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCheckReport } from '../../src/report/check-report.js';
import { formatGithub } from '../../src/report/github.js';
import type { Finding } from '../../src/core/finding.js';

const findings: Finding[] = [
  { rule: 'codebase.procfile', area: 'codebase', severity: 'error', message: 'line 2: "web, worker": 100% wrong\nsecond line', hint: 'Write name: command.', file: 'Procfile', line: 2, docs: 'https://devcenter.heroku.com/articles/procfile' },
  { rule: 'security.W004', area: 'django', severity: 'warning', message: 'You have not set SECURE_HSTS_SECONDS.', file: 'my,app/settings.py', line: 41 },
  { rule: 'heroku.stack', area: 'heroku', severity: 'info', message: 'heroku-24 is current' },
];

function commands(root: string, workspace: string) {
  const report = buildCheckReport({ root, settings_module: 'x.settings', django: '5.2', settings_source: 'static' }, findings, []);
  return formatGithub(report, workspace).trimEnd().split('\n');
}

test('github format: one workflow command per finding, at the level GitHub knows, with file and line', () => {
  const lines = commands('/ws', '/ws');
  assert.equal(lines.length, 4);
  assert.equal(lines[0], '::error file=Procfile,line=2,title=implanta codebase.procfile::line 2: "web, worker": 100%25 wrong%0Asecond line%0AHint: Write name: command.%0ADocs: https://devcenter.heroku.com/articles/procfile');
  // A comma or colon in a property would end it early: GitHub's own escapes.
  assert.equal(lines[1], '::warning file=my%2Capp/settings.py,line=41,title=implanta security.W004::You have not set SECURE_HSTS_SECONDS.');
  // No file: no file= or line=, so GitHub shows it on the run, not on a line.
  assert.equal(lines[2], '::notice title=implanta heroku.stack::heroku-24 is current');
  assert.equal(lines[3], 'implanta check: 1 error(s), 1 warning(s), 1 info.');
});

test('github format: a project in a sub-folder of the workspace is annotated at the repository path', () => {
  assert.match(commands('/ws/services/web', '/ws')[0]!, /^::error file=services\/web\/Procfile,line=2,/);
  // Outside the workspace nothing better is known than the project-relative path.
  assert.match(commands('/elsewhere', '/ws')[0]!, /^::error file=Procfile,line=2,/);
});
