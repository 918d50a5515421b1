import { errorPagesRule } from '../../../src/heroku/rules/error-pages.js';
import { appWith, CANARY } from '../../fixtures/heroku/app-facts.js';
import { testRule } from '../../helpers/rule-tester.js';

const secretUrl = `https://pages.example.com/${CANARY}/error.html`;

testRule(errorPagesRule, {
  pass: [{ name: 'both pages set, https, 200 text/html', facts: appWith(() => {}) }],
  fail: [
    { name: 'ERROR_PAGE_URL unset', facts: appWith((f) => { delete f.configVars.ERROR_PAGE_URL; delete f.pages.error; }), reports: [{ messageId: 'not-set', mentions: ['ERROR_PAGE_URL'] }] },
    {
      name: 'an unset page hints the exact config:set command',
      facts: appWith((f) => { delete f.configVars.MAINTENANCE_PAGE_URL; delete f.pages.maintenance; }),
      reports: [{ messageId: 'not-set', mentions: ['heroku config:set MAINTENANCE_PAGE_URL=https://…/maintenance.html -a hollow'] }],
    },
    {
      name: 'MAINTENANCE_PAGE_URL over http',
      facts: appWith((f) => {
        f.configVars.MAINTENANCE_PAGE_URL = 'http://pages.example.com/m.html';
        f.pages.maintenance = { url: 'http://pages.example.com/m.html', status: 200, contentType: 'text/html' };
      }),
      reports: [{ messageId: 'not-https', mentions: ['MAINTENANCE_PAGE_URL'] }],
    },
    // A page URL may hold a token: it is never printed.
    {
      name: 'error page answering 404',
      facts: appWith((f) => { f.configVars.ERROR_PAGE_URL = secretUrl; f.pages.error = { url: secretUrl, status: 404, contentType: 'text/html' }; }),
      reports: [{ messageId: 'bad-status', mentions: ['ERROR_PAGE_URL', '404'], conceals: [CANARY] }],
    },
    {
      name: 'error page that cannot be fetched',
      facts: appWith((f) => { f.configVars.ERROR_PAGE_URL = secretUrl; f.pages.error = { url: secretUrl, error: 'ENOTFOUND' }; }),
      reports: [{ messageId: 'unreachable', mentions: ['ERROR_PAGE_URL', 'ENOTFOUND'], conceals: [CANARY] }],
    },
    {
      name: 'error page served as JSON',
      facts: appWith((f) => { f.pages.error = { url: secretUrl, status: 200, contentType: 'application/json' }; }),
      reports: [{ messageId: 'not-html', mentions: ['application/json'], conceals: [CANARY] }],
    },
  ],
});
