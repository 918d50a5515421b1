import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { escapeXml, latencyChart, memoryChart, niceStep, renderChart } from '../../src/size/svg.js';
import { formationOf, syntheticResult } from '../helpers/size-result.js';

/** Parses the document with Python's XML parser (a real one, not a regex); throws on any well-formedness error. */
function assertWellFormedXml(svg: string): void {
  const script = 'import sys, xml.dom.minidom as m; d = m.parseString(sys.stdin.buffer.read()); print(d.documentElement.tagName, d.documentElement.getAttribute("xmlns"))';
  const root = execFileSync('/usr/bin/python3', ['-c', script], { input: svg, encoding: 'utf8' }).trim();
  assert.equal(root, 'svg http://www.w3.org/2000/svg');
}

describe('svg charts', () => {
  test('the memory chart is well-formed SVG with a marker per run and the fit in its legend', () => {
    const result = syntheticResult();
    const svg = memoryChart(result);
    assertWellFormedXml(svg);
    assert.equal((svg.match(/<circle /g) ?? []).length, result.measurements.length + 1);
    assert.match(svg, new RegExp(`fit: ${result.fit.base_mb} \\+ ${result.fit.per_worker_mb}`));
    assert.match(svg, new RegExp(`${formationOf(result.recommendation).dyno_size}: 80% of ${formationOf(result.recommendation).memory_mb} MB`));
  });

  test('the latency chart is well-formed SVG with a p95 and a p50 line per run and the target', () => {
    const result = syntheticResult();
    const svg = latencyChart(result);
    assertWellFormedXml(svg);
    assert.equal((svg.match(/<polyline /g) ?? []).length, result.measurements.length * 2);
    assert.match(svg, /p95 target 500 ms/);
  });

  test('text that is markup is escaped, and the document stays well-formed', () => {
    const svg = renderChart({ title: 'a <b> & "c"', xLabel: "x's", yLabel: 'y', xMax: 3, yMax: 10, series: [{ label: '<script>', color: '#000', points: [[0, 1], [3, 9]] }], levels: [] });
    assertWellFormedXml(svg);
    assert.doesNotMatch(svg, /<script>/);
    assert.equal(escapeXml(`<&>"'`), '&lt;&amp;&gt;&quot;&apos;');
  });

  const steps = [
    { range: 9, step: 2 },
    { range: 820, step: 200 },
    { range: 0.3, step: 0.1 },
    { range: 47, step: 10 },
  ];
  for (const c of steps) {
    test(`a range of ${c.range} gets ticks every ${c.step}`, () => {
      assert.ok(Math.abs(niceStep(c.range) - c.step) < 1e-9, String(niceStep(c.range)));
    });
  }
});
