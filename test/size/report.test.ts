import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { writeReleasePlan } from '../../src/size/plan.js';
import { formatSizeJson, formatSizeText } from '../../src/size/report.js';
import { formationOf, syntheticResult } from '../helpers/size-result.js';

const scratch = mkdtempSync(join(tmpdir(), 'implanta-size-report-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('size report', () => {
  test('JSON carries measurements, fit, options, the recommendation and the assumptions', () => {
    const result = syntheticResult();
    const json = JSON.parse(formatSizeJson(result));
    const rec = formationOf(result.recommendation);
    assert.equal(json.tool, 'implanta');
    assert.equal(json.recommendation.meets_targets, true);
    assert.equal(json.measurements.length, result.measurements.length);
    assert.deepEqual(Object.keys(json.fit).sort(), ['base_mb', 'max_residual_mb', 'per_worker_mb', 'points', 'r2']);
    assert.ok(json.options.length > 0);
    for (const key of ['dyno_size', 'web_concurrency', 'quantity', 'monthly_cost_usd', 'peak_memory_mb'] as const) {
      assert.equal(json.recommendation[key], rec[key]);
    }
    assert.ok(json.assumptions.length > 0);
  });

  test('the text names the formation and the commands that apply it', () => {
    const result = syntheticResult();
    const rec = formationOf(result.recommendation);
    const text = formatSizeText(result);
    assert.match(text, new RegExp(`Recommendation: ${rec.quantity} × ${rec.dyno_size} with WEB_CONCURRENCY=${rec.web_concurrency}, \\$${rec.monthly_cost_usd}/month`));
    assert.match(text, new RegExp(`heroku ps:type web=${rec.dyno_size} -a APP`));
    assert.match(text, new RegExp(`heroku ps:scale web=${rec.quantity} -a APP`));
    assert.match(text, new RegExp(`heroku config:set WEB_CONCURRENCY=${rec.web_concurrency} -a APP`));
    assert.match(text, /eco: not for production/);
  });

  test('when nothing meets the targets, text and JSON say so, why, and what would fit, and invent no commands', () => {
    const result = syntheticResult(40, 60, [1, 2, 4, 8], 900); // one request: 900 ms, over the 500 ms target
    const rec = result.recommendation;
    assert.ok(!rec.meets_targets);
    const text = formatSizeText(result);
    assert.match(text, /\nRecommendation: none meets the targets: one request takes about 900 ms even on performance-[a-z0-9]+'s CPU share, over the 500 ms p95 target\.\n/);
    assert.match(text, new RegExp(`\n  What would fit, with a p95 target of 900 ms: ${rec.would_fit!.quantity} × ${rec.would_fit!.dyno_size} with WEB_CONCURRENCY=${rec.would_fit!.web_concurrency}, `));
    assert.match(text, /\n  Make the slowest URL faster, or accept a p95 of 900 ms \(--p95 900ms\)\.\n/);
    assert.doesNotMatch(text, /heroku ps:scale|heroku config:set WEB_CONCURRENCY/);
    const json = JSON.parse(formatSizeJson(result));
    assert.equal(json.recommendation.meets_targets, false);
    assert.equal(json.recommendation.reason, rec.reason);
    assert.equal(json.recommendation.would_fit.p95_ms, 900);
    const plan = readFileSync(writeReleasePlan(result, join(scratch, 'slow', 'release-plan.md'))[0]!, 'utf8');
    assert.match(plan, /\*\*none meets the targets: one request takes about 900 ms/);
    assert.match(plan, /What would fit, with a p95 target of 900 ms/);
    assert.doesNotMatch(plan, /## Apply it/);
  });
});

describe('release plan', () => {
  test('writes the plan and its two charts beside it, and the plan links them', () => {
    const result = syntheticResult();
    const rec = formationOf(result.recommendation);
    const files = writeReleasePlan(result, join(scratch, 'docs', 'release-plan.md'));
    assert.deepEqual(files.map((f) => f.slice(scratch.length + 1)), ['docs/release-plan.md', 'docs/release-plan-memory.svg', 'docs/release-plan-latency.svg']);
    for (const f of files) assert.ok(existsSync(f), f);
    const plan = readFileSync(files[0]!, 'utf8');
    assert.match(plan, /\]\(release-plan-memory\.svg\)/);
    assert.match(plan, /\]\(release-plan-latency\.svg\)/);
    assert.match(plan, new RegExp(`implanta scale -a APP web=${rec.quantity}:${rec.dyno_size}`));
    assert.match(plan, new RegExp(`heroku ps:type web=${rec.dyno_size} -a APP`));
    assert.match(plan, /## Risks/);
    assert.match(plan, new RegExp(`${result.fit.per_worker_mb} MB per worker`));
  });
});
