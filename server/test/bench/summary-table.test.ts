import { describe, expect, it } from 'vitest';
import type { BenchResult } from '../../bench/summary/figures';
import { renderMarkdown, renderTable, type Outcome } from '../../bench/summary/table';

const header = { machine: '2 × Test CPU, Node v20', started: '2026-12-06T10:00:00Z', finished: '2026-12-06T10:05:00Z' };

const api: BenchResult = {
  bench: 'api',
  at: '2026-12-06T10:02:00Z',
  machine: header.machine,
  loadStart: 0.5,
  loadEnd: 1.25,
  seconds: 90,
  figures: [
    {
      figure: 'webhook → 202, API-only',
      result: '2,140 runs/s, p99 61 ms',
      target: '≥ 2,000 runs/s',
      verdict: 'PASS',
      floor: 'INSERT p99 1.8 ms',
    },
    {
      figure: 'sync 3-step, 8 conn',
      result: 'p99 14 ms',
      target: '≤ 10 ms',
      verdict: 'MISS',
      note: 'pg fsync tail | next: group the commits',
    },
  ],
};

const outcomes: Outcome[] = [
  { name: 'api', what: 'webhooks', result: api },
  { name: 'editor', what: 'editor', failure: 'exited with code 1 after 12 s' },
];

describe('npm run bench summary', () => {
  it('prints every recorded figure as a row with its verdict, and the totals', () => {
    const text = renderTable(header, outcomes);
    const lines = text.split('\n');
    const pass = lines.find((l) => l.includes('webhook → 202, API-only')) ?? '';
    expect(pass).toMatch(/2,140 runs\/s, p99 61 ms\s+≥ 2,000 runs\/s\s+PASS\s+INSERT p99 1.8 ms/);
    expect(lines.find((l) => l.includes('sync 3-step'))).toMatch(/MISS/);
    expect(text).toContain('1 pass, 1 miss, 0 for information');
    expect(text).toContain('api 0.50→1.25 (90 s)');
  });

  it('lists the note of a miss under its row number, and a benchmark that did not complete', () => {
    const text = renderTable(header, outcomes);
    expect(text).toContain('[2] MISS: pg fsync tail | next: group the commits');
    expect(text).toContain('bench:editor did not complete: exited with code 1 after 12 s');
  });

  it('escapes pipes in the Markdown table so a note cannot break its columns', () => {
    const markdown = renderMarkdown(header, outcomes);
    expect(markdown).toContain('| 2 | api | sync 3-step, 8 conn | p99 14 ms | ≤ 10 ms | MISS |  |');
    expect(markdown).toContain('- [2] MISS: pg fsync tail \\| next: group the commits');
  });
});
