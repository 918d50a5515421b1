import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { implanta } from '../cli/helpers/run-cli.js';
import { launchChromium } from '../helpers/chromium.js';
import { buildCheckReport } from '../../src/report/check-report.js';
import { formatHtml } from '../../src/report/html.js';

const HOLLOW = resolve(import.meta.dirname, '../../examples/hollow');
let work: string;
let browser: Browser;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'implanta-html-'));
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

interface PageRun {
  page: Page;
  consoleErrors: string[];
  requests: string[];
}

/** Opens a report file offline, recording console errors, page errors and every request that leaves the file. */
async function open(file: string): Promise<PageRun> {
  const context = await browser.newContext({ offline: true });
  const page = await context.newPage();
  const run: PageRun = { page, consoleErrors: [], requests: [] };
  page.on('console', (m) => m.type() === 'error' && run.consoleErrors.push(m.text()));
  page.on('pageerror', (e) => run.consoleErrors.push(String(e)));
  page.on('request', (r) => !r.url().startsWith('file:') && !r.url().startsWith('data:') && run.requests.push(r.url()));
  await page.goto(pathToFileURL(file).href);
  return run;
}

const visible = (page: Page, selector: string) => page.locator(`${selector}:visible`).count();

test('check --format html: one offline page with the findings, the sizing charts and the release history; filters work', async () => {
  const project = join(work, 'hollow');
  cpSync(HOLLOW, project, { recursive: true, filter: (src) => !src.endsWith('production.env') });
  // What `implanta size --plan release-plan.md` and `implanta deploy` leave behind in a project.
  const svg = (label: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><text x="10" y="50">${label}</text></svg>`;
  writeFileSync(join(project, 'release-plan.md'), '# Release plan\n');
  writeFileSync(join(project, 'release-plan-memory.svg'), svg('memory'));
  writeFileSync(join(project, 'release-plan-latency.svg'), svg('latency'));
  mkdirSync(join(project, '.implanta'));
  const deploy = { at: '2026-11-30T10:00:00Z', by: 'ana@laptop', app: 'hollow', branch: 'production', commit: 'a'.repeat(40), outcome: 'rolled-back', message: 'smoke test failed: / answered 500', release: 7, durations_s: {}, implanta: '0.1.0' };
  writeFileSync(join(project, '.implanta', 'deploys.jsonl'), JSON.stringify(deploy) + '\n' + '{"cut short\n');
  const out = join(work, 'report.html');

  const cli = await implanta(['check', project, '--format', 'html', '-o', out]);
  assert.equal(cli.code, 1, cli.stderr); // the example without its production env has errors
  const json = JSON.parse((await implanta(['check', project, '--format', 'json'])).stdout) as { findings: Array<{ severity: string; area: string }> };
  const { page, consoleErrors, requests } = await open(out);

  const total = json.findings.length;
  assert.ok(total >= 3, 'the example has findings in several areas');
  assert.equal(await page.locator('.finding').count(), total);
  assert.equal(await visible(page, '.finding'), total);
  assert.equal(await page.locator('#sizing img').count(), 2);
  assert.ok(await page.locator('#sizing img').first().evaluate((img) => { const i = img as unknown as { complete: boolean; naturalWidth: number }; return i.complete && i.naturalWidth > 0; }), 'the chart renders');
  assert.match(await page.locator('#history').innerText(), /rolled-back[\s\S]*smoke test failed/);

  // Untick "error": only the error findings disappear, and the count says so.
  const errors = json.findings.filter((f) => f.severity === 'error').length;
  assert.ok(errors > 0);
  await page.getByLabel('error', { exact: true }).uncheck();
  assert.equal(await visible(page, '.finding'), total - errors);
  assert.equal(await visible(page, '.finding[data-severity="error"]'), 0);
  assert.match(await page.locator('#shown').innerText(), new RegExp(`^${total - errors} of ${total} `));

  // Untick the versions area as well: both filters apply together.
  const versionsNotError = json.findings.filter((f) => f.area === 'versions' && f.severity !== 'error').length;
  assert.ok(versionsNotError > 0);
  await page.getByLabel('Versions', { exact: true }).uncheck();
  assert.equal(await visible(page, '.finding'), total - errors - versionsNotError);
  await page.getByLabel('error', { exact: true }).check();
  assert.equal(await visible(page, '.finding[data-severity="error"]'), errors);

  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(requests, [], 'nothing is fetched: the page works offline');
  await page.context().close();
});

test('html report: text from the project is shown, never run; a chart that holds script cannot run it', async () => {
  const report = buildCheckReport({ root: '/srv/<b>x</b>', settings_module: 'x.settings', django: '5.2', settings_source: 'static' }, [
    { rule: 'codebase.procfile', area: 'codebase', severity: 'error', message: 'Procfile line 1: <img src=x onerror="window.pwned=1">', file: 'Procfile', line: 1 },
    { rule: 'security.W004', area: 'django', severity: 'warning', message: '<script>window.pwned=2</script>' },
  ], []);
  const hostileSvg = '<svg xmlns="http://www.w3.org/2000/svg" onload="window.pwned=3"><script>window.pwned=4</script></svg>';
  const file = join(work, 'hostile.html');
  writeFileSync(file, formatHtml(report, { charts: [{ title: 'memory', svg: hostileSvg }] }));
  const { page, consoleErrors, requests } = await open(file);
  assert.equal(await page.evaluate(() => (globalThis as unknown as { pwned?: number }).pwned), undefined);
  assert.match(await page.locator('.finding').first().innerText(), /onerror="window.pwned=1"/);
  assert.match(await page.locator('h1').innerText(), /<b>x<\/b>/);
  assert.deepEqual(requests, []);
  // The blocked image request is the one console line a hostile page may cause; nothing of ours fails.
  assert.deepEqual(consoleErrors.filter((e) => !/Content Security Policy|Failed to load resource/.test(e)), []);
  assert.ok(readFileSync(file, 'utf8').includes("default-src 'none'"));
  await page.context().close();
});
