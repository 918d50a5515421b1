import type { Report, Rule } from '../../core/rule.js';
import { defineRule } from '../../core/define-rule.js';
import { PAGE_VARS, type HerokuFacts, type PageProbe } from '../facts.js';
import { cli } from './app-queries.js';

/**
 * Production check point 8: custom maintenance and error pages, served over HTTPS (the router shows
 * them inside the app's own https page) and answering 200 with HTML. Their URLs are config-var values:
 * messages name the variable, never the URL.
 */
export const errorPagesRule: Rule<HerokuFacts> = defineRule({
  id: 'heroku.error-pages',
  area: 'heroku',
  severity: 'warning',
  title: 'Custom maintenance and error pages are set and reachable',
  docs: 'https://devcenter.heroku.com/articles/error-pages',
  explain: {
    checks: "Whether MAINTENANCE_PAGE_URL and ERROR_PAGE_URL are set, https, reachable and HTML.",
    why: "Otherwise visitors see Heroku's generic page during maintenance and router errors.",
    example: "ERROR_PAGE_URL unset",
    fix: "heroku config:set ERROR_PAGE_URL=https://\u2026/error.html MAINTENANCE_PAGE_URL=https://\u2026/maintenance.html",
  },
  messages: { 'not-set': "MAINTENANCE_PAGE_URL or ERROR_PAGE_URL is not set", 'not-https': "the page URL is not https", 'unreachable': "the page could not be fetched", 'bad-status': "the page did not answer 200", 'not-html': "the page is not served as text/html" },
  check(facts: HerokuFacts) {
    return (Object.keys(PAGE_VARS) as (keyof typeof PAGE_VARS)[]).flatMap((key) =>
      pageReports(facts, PAGE_VARS[key], facts.configVars[PAGE_VARS[key]], facts.pages[key]),
    );
  },
});

function pageReports(facts: HerokuFacts, name: string, url: string | undefined, probe: PageProbe | undefined): Report[] {
  const file = name === PAGE_VARS.maintenance ? 'maintenance.html' : 'error.html';
  const hint = `Host a static page on HTTPS (for example on S3) and ${cli(facts, `config:set ${name}=https://…/${file}`)}`;
  if (!url) return [{ messageId: 'not-set', message: `${name} is not set: visitors see Heroku's generic page.`, hint }];
  const reports: Report[] = [];
  if (!/^https:\/\//i.test(url)) reports.push({ messageId: 'not-https', message: `${name} is not an https URL: browsers block it inside the app's https page.`, hint });
  if (!probe) return reports;
  if (probe.error !== undefined) {
    reports.push({ messageId: 'unreachable', message: `${name} could not be fetched (${probe.error}).`, hint: 'Check that the page is public and its host answers.' });
  } else if (probe.status !== 200) {
    reports.push({ messageId: 'bad-status', message: `${name} answered HTTP ${probe.status}, not 200.`, hint: 'Check that the page is public at that address.' });
  } else if (probe.contentType !== 'text/html') {
    reports.push({
      messageId: 'not-html', message: `${name} is served as ${probe.contentType ?? 'no content type'}, not text/html: browsers may download it instead of showing it.`,
      hint: 'Serve the page with Content-Type: text/html.',
    });
  }
  return reports;
}
