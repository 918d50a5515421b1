import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { writeReleasePlan } from '../../src/size/plan.js';
import { formatSizeJson, formatSizeText } from '../../src/size/report.js';
import { syntheticResult } from '../helpers/size-result.js';

const scratch = mkdtempSync(join(tmpdir(), 'implanta-size-report-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('size report', () => {
  test('JSON carries measurements, fit, options, the recommendation and the assumptions', () => {
    const result = syntheticResult();
    const json = JSON.parse(formatSizeJson(result));
    const rec = result.recommendation!;
    assert.equal(json.tool, 'implanta');
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
    const rec = result.recommendation!;
    const text = formatSizeText(result);
    assert.match(text, new RegExp(`Recommendation: ${rec.quantity} × ${rec.dyno_size} with WEB_CONCURRENCY=${rec.web_concurrency}, \\$${rec.monthly_cost_usd}/month`));
    assert.match(text, new RegExp(`heroku ps:type web=${rec.dyno_size} -a APP`));
    assert.match(text, new RegExp(`heroku ps:scale web=${rec.quantity} -a APP`));
    assert.match(text, new RegExp(`heroku config:set WEB_CONCURRENCY=${rec.web_concurrency} -a APP`));
    assert.match(text, /eco: not for production/);
  });

  test('without a recommendation the text says so instead of inventing one', () => {
    const result = { ...syntheticResult(), recommendation: null };
    assert.match(formatSizeText(result), /No recommendation/);
  });
});

describe('release plan', () => {
  test('writes the plan and its two charts beside it, and the plan links them', () => {
    const result = syntheticResult();
    const rec = result.recommendation!;
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
