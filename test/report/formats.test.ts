import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import AjvModule from 'ajv-draft-04';
import { buildCheckReport } from '../../src/report/check-report.js';
import { formatSarif } from '../../src/report/sarif.js';
import { formatJunit } from '../../src/report/junit.js';
import { formatText } from '../../src/report/text.js';
import { formatJson } from '../../src/report/json.js';
import type { Finding } from '../../src/core/finding.js';

interface SarifShape {
  runs: Array<{
    results: Array<{ ruleId: string; ruleIndex: number; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }>;
    tool: { driver: { rules: Array<{ id: string; helpUri?: string }> } };
  }>;
}

const findings: Finding[] = [
  { rule: 'security.W004', area: 'django', severity: 'warning', message: 'You have not set SECURE_HSTS_SECONDS.', hint: 'Set it.', file: 'hollow/settings.py', line: 41, docs: 'https://docs.djangoproject.com/en/5.2/ref/checks/#security' },
  { rule: 'codebase.procfile', area: 'codebase', severity: 'error', message: 'Procfile line 2 is not "name: command" <&>', file: 'Procfile', line: 2, docs: 'https://devcenter.heroku.com/articles/procfile' },
  { rule: 'heroku.stack', area: 'heroku', severity: 'error', message: 'heroku-18 reached end of life', docs: 'https://devcenter.heroku.com/articles/stack' },
  { rule: 'security.W008', area: 'django', severity: 'info', message: 'cannot tell whether SECURE_SSL_REDIRECT is on', file: 'hollow/settings.py', line: 12 },
];
const report = buildCheckReport({ root: '/srv/hollow', settings_module: 'hollow.settings', django: '5.2', settings_source: 'static' }, findings, [{ rule: 'heroku.dns', reason: 'no app given' }]);

test('json report follows the contract: tool, version, project, findings worst first, skipped, counts', () => {
  const parsed = JSON.parse(formatJson(report));
  assert.equal(parsed.tool, 'implanta');
  assert.match(parsed.version, /^\d+\.\d+\.\d+/);
  assert.deepEqual(parsed.counts, { error: 2, warning: 1, info: 1 });
  assert.deepEqual(parsed.findings.map((f: Finding) => f.severity), ['error', 'error', 'warning', 'info']);
  assert.deepEqual(parsed.skipped, [{ rule: 'heroku.dns', reason: 'no app given' }]);
  assert.equal(parsed.project.settings_module, 'hollow.settings');
});

test('sarif report is valid SARIF 2.1.0 and every result has a physical location', () => {
  const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif/sarif-2.1.0.schema.json', import.meta.url), 'utf8'));
  // ajv-draft-04 is CommonJS: under NodeNext its class is the module's `default` property.
  const Ajv = AjvModule.default;
  const validate = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false }).compile(schema);
  const sarif = JSON.parse(formatSarif(report, 'hollow/settings.py')) as SarifShape;
  assert.ok(validate(sarif) as boolean, JSON.stringify(validate.errors?.slice(0, 3)));
  const results = sarif.runs[0].results;
  assert.equal(results.length, 4);
  for (const r of results) assert.ok(r.locations[0].physicalLocation.region.startLine >= 1);
  const stack = results.find((r) => r.ruleId === 'heroku.stack')!;
  assert.equal(stack.locations[0].physicalLocation.artifactLocation.uri, 'hollow/settings.py');
  assert.equal(results.find((r) => r.ruleId === 'security.W008')!.level, 'note');
  const rules = sarif.runs[0].tool.driver.rules;
  assert.equal(rules[results[0]!.ruleIndex]!.id, results[0]!.ruleId);
  assert.equal(rules.find((r) => r.id === 'security.W004')!.helpUri, findings[0]!.docs);
});

test('a summary of repeated findings is a valid SARIF result carrying how many it stands for', () => {
  const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif/sarif-2.1.0.schema.json', import.meta.url), 'utf8'));
  const validate = new AjvModule.default({ strict: false, allErrors: true, unicodeRegExp: false }).compile(schema);
  const more = { count: 19_980, first_line: 21, last_line: 20_000 };
  const summary: Finding = { rule: 'codebase.procfile', area: 'codebase', severity: 'error', message: '… and 19,980 more like this in Procfile (lines 21–20000)', file: 'Procfile', line: 21, more };
  const capped = buildCheckReport(report.project, [...findings, summary], []);
  const sarif = JSON.parse(formatSarif(capped, 'hollow/settings.py')) as { runs: Array<{ results: Array<{ properties?: unknown }> }> };
  assert.ok(validate(sarif) as boolean, JSON.stringify(validate.errors?.slice(0, 3)));
  assert.deepEqual(sarif.runs[0]!.results.filter((r) => r.properties).map((r) => r.properties), [{ more }]);
  // The summary stands for 19,980 errors in the counts of every format.
  assert.deepEqual(capped.counts, { error: 2 + 19_980, warning: 1, info: 1 });
  assert.match(formatText(capped, { color: false }), /19982 error\(s\)/);
});

test('junit report counts errors and warnings as failures and escapes XML', () => {
  const xml = formatJunit(report);
  assert.match(xml, /<testsuites name="implanta" tests="5" failures="3">/);
  assert.match(xml, /&lt;&amp;&gt;/);
  assert.doesNotMatch(xml, /<&>/);
  assert.match(xml, /<skipped message="no app given"\/>/);
});

test('text report leads with ID and file:line, groups by area, and has no colour unless asked', () => {
  const plain = formatText(report, { color: false });
  assert.match(plain, /error\s+codebase\.procfile {2}Procfile:2/);
  assert.match(plain, /Django deployment checklist \(2\)/);
  assert.doesNotMatch(plain, /\x1b\[/);
  assert.match(formatText(report, { color: true }), /\x1b\[31merror/);
  assert.match(plain, /2 error\(s\), 1 warning\(s\), 1 info\./);
});
