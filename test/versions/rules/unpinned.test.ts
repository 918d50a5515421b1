import { unpinnedRule } from '../../../src/versions/rules/unpinned.js';
import { facts, pkg, requirement } from '../helpers/facts.js';
import { testRule } from '../../helpers/rule-tester.js';

const AT = { file: 'requirements.txt' };

testRule(unpinnedRule, {
  pass: [
    { name: 'an exact pin', facts: facts({ packages: [pkg(requirement('Django', '==5.2.8'))] }) },
    { name: 'an arbitrary-equality pin', facts: facts({ packages: [pkg(requirement('gunicorn', '===23.0.0'))] }) },
    // A lock file pins what requirements leave open.
    { name: 'a lock pin', facts: facts({ packages: [pkg(requirement('whitenoise', '>=6', { pinned: '6.8.2' }))] }) },
    { name: 'a constraint pin', facts: facts({ packages: [pkg(requirement('psycopg', ''), { pinned: '3.2.3', pinnedBy: { file: 'constraints.txt', line: 4 } })] }) },
    { name: 'a direct URL', facts: facts({ packages: [pkg(requirement('mylib', '', { url: 'git+https://example.test/mylib.git@v1.2#egg=mylib' }), { notOnIndex: true, index: 'not-asked' })] }) },
    { name: 'an editable', facts: facts({ packages: [pkg(requirement('', '', { editable: true, url: '.' }), { notOnIndex: true, index: 'not-asked' })] }) },
  ],
  fail: [
    {
      name: 'no version is an error, a range a warning, each at its line with the pin to write',
      facts: facts({
        packages: [
          pkg(requirement('requests', '', { line: 3 }), { latest: '2.32.3', resolves: '2.32.3' }),
          pkg(requirement('Django', '>=4.2,<5', { line: 1 }), { latest: '5.2.8', resolves: '4.2.26' }),
          pkg(requirement('dj-database-url', '~=2.1', { line: 2 }), { index: { skipped: 'PyPI not reachable' } }),
        ],
      }),
      reports: [
        { messageId: 'no-version', severity: 'error', ...AT, line: 3, mentions: ['requests', 'implanta upgrade requests --to 2.32.3 writes requests==2.32.3'] },
        { messageId: 'range', severity: 'warning', ...AT, line: 1, mentions: ['Django>=4.2,<5', '4.2.26 today', 'implanta upgrade django --to 4.2.26 writes Django==4.2.26'] },
        { messageId: 'range', severity: 'warning', ...AT, line: 2, mentions: ['dj-database-url~=2.1', 'implanta upgrade dj-database-url writes dj-database-url==VERSION'] },
      ],
    },
  ],
  skip: [{ name: 'a project without a dependency file', facts: facts({ dependencies: undefined }), reason: /^no dependency file/ }],
});
