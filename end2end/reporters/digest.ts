import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * Prints, as the run's very last lines, one short paragraph per test that
 * failed or passed only on its retry: the test, each try's first error line
 * (for a page that did not hydrate, that line carries the browser's console
 * errors). A CI log is often shown cut in the middle; this part survives.
 */
export default class Digest implements Reporter {
  private tries = new Map<TestCase, TestResult[]>();

  onTestEnd(test: TestCase, result: TestResult) {
    const list = this.tries.get(test) ?? [];
    list.push(result);
    this.tries.set(test, list);
  }

  onEnd(_result: FullResult) {
    const lines: string[] = [];
    for (const [test, results] of this.tries) {
      const outcome = test.outcome();
      if (outcome !== 'unexpected' && outcome !== 'flaky') continue;
      const where = `${test.parent.project()?.name ?? ''} ${test.location.file.split('/').pop()}:${test.location.line}`;
      lines.push(`${outcome === 'flaky' ? 'FLAKY (passed on retry)' : 'FAILED'}: [${where}] ${test.title}`);
      for (const r of results) {
        if (r.status === 'passed' || r.status === 'skipped') continue;
        const first = (r.errors[0]?.message ?? r.status).replace(/\u001b\[[0-9;]*m/g, '').split('\n')[0];
        lines.push(`  try ${r.retry + 1} (${r.status}, ${Math.round(r.duration / 1000)} s): ${first.slice(0, 900)}`);
      }
    }
    if (lines.length) console.log(['', '== browser test digest ==', ...lines].join('\n'));
  }
}
