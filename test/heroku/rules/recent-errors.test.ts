import { recentOf } from '../../../src/heroku/recent-log.js';
import { recentErrorsRule } from '../../../src/heroku/rules/recent-errors.js';
import { appWith } from '../../fixtures/heroku/app-facts.js';
import { testRule } from '../../helpers/rule-tester.js';

const at = (minute: number) => `2026-12-03T12:${String(minute).padStart(2, '0')}:00.000000+00:00`;
const router = (minute: number, status: number, code = '') =>
  `${at(minute)} heroku[router]: at=${code ? 'error' : 'info'} ${code ? `code=${code} desc="x" ` : ''}method=GET path="/" host=h dyno=web.1 connect=0ms service=5ms status=${status} bytes=1 protocol=https`;
const withLog = (lines: string[]) => appWith((f) => { f.recentLog = recentOf(lines, 15); });

testRule(recentErrorsRule, {
  pass: [
    { name: 'a clean recent log', facts: withLog([router(40, 200), router(41, 302), router(42, 404)]) },
    { name: 'only the last 15 minutes count: an old error is not reported', facts: withLog([router(1, 503, 'H10'), router(40, 200), router(42, 200)]) },
    { name: 'maintenance pages and visitors who left are not failures', facts: withLog([router(40, 503, 'H80'), router(41, 499, 'H27'), router(42, 200)]) },
  ],
  fail: [
    {
      name: 'H-codes, 5xx and R14/R15 of the last minutes are a warning with their counts',
      facts: withLog([
        router(40, 200), router(41, 503, 'H12'), router(42, 500), router(43, 200),
        `${at(44)} heroku[web.1]: Error R14 (Memory quota exceeded)`,
        `${at(45)} heroku[web.1]: Error R15 (Memory quota vastly exceeded)`,
        `${at(45)} heroku[web.1]: State changed from up to crashed`,
      ]),
      reports: [{ messageId: 'recent-errors', severity: 'warning', mentions: ['15 minutes', '2 of 4 requests failed (50.0% 5xx)', 'H12 × 1', 'R14 × 1', 'R15 × 1', '1 crash', 'implanta logs -a hollow --num 1500 --summary'] }],
    },
  ],
  skip: [
    { name: 'a log that could not be read, saying why', facts: appWith((f) => { f.recentLog = { unavailable: 'the log could not be read (404)' }; }), reason: /404/ },
    { name: 'a check that did not read the log', facts: appWith((f) => { delete f.recentLog; }), reason: /not read/ },
  ],
});
