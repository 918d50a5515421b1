import type { Report, Rule } from '../../core/rule.js';
import { PAGE_VARS, type HerokuFacts, type PageProbe } from '../facts.js';
import { cli } from './app-queries.js';

/**
 * Production check point 8: custom maintenance and error pages, served over HTTPS (the router shows
 * them inside the app's own https page) and answering 200 with HTML. Their URLs are config-var values:
 * messages name the variable, never the URL.
 */
export const errorPagesRule: Rule<HerokuFacts> = {
  meta: {
    id: 'heroku.error-pages',
    area: 'heroku',
    severity: 'warning',
    title: 'Custom maintenance and error pages are set and reachable',
    docs: 'https://devcenter.heroku.com/articles/error-pages',
  },
  check(facts) {
    return (Object.keys(PAGE_VARS) as (keyof typeof PAGE_VARS)[]).flatMap((key) =>
      pageReports(facts, PAGE_VARS[key], facts.configVars[PAGE_VARS[key]], facts.pages[key]),
    );
  },
};

function pageReports(facts: HerokuFacts, name: string, url: string | undefined, probe: PageProbe | undefined): Report[] {
  const file = name === PAGE_VARS.maintenance ? 'maintenance.html' : 'error.html';
  const hint = `Host a static page on HTTPS (for example on S3) and ${cli(facts, `config:set ${name}=https://…/${file}`)}`;
  if (!url) return [{ message: `${name} is not set: visitors see Heroku's generic page.`, hint }];
  const reports: Report[] = [];
  if (!/^https:\/\//i.test(url)) reports.push({ message: `${name} is not an https URL: browsers block it inside the app's https page.`, hint });
  if (!probe) return reports;
  if (probe.error !== undefined) {
    reports.push({ message: `${name} could not be fetched (${probe.error}).`, hint: 'Check that the page is public and its host answers.' });
  } else if (probe.status !== 200) {
    reports.push({ message: `${name} answered HTTP ${probe.status}, not 200.`, hint: 'Check that the page is public at that address.' });
  } else if (probe.contentType !== 'text/html') {
    reports.push({
      message: `${name} is served as ${probe.contentType ?? 'no content type'}, not text/html: browsers may download it instead of showing it.`,
      hint: 'Serve the page with Content-Type: text/html.',
    });
  }
  return reports;
}
