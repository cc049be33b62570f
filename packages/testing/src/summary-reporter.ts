import type { Reporter, TestModule } from 'vitest/node'

/**
 * Prints one closing line, `Tests: N passed, N failed, N skipped`, after the
 * default reporter's output, so CI logs end with a count that any reader
 * can parse.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 }
    for (const testModule of testModules) {
      for (const testCase of testModule.children.allTests()) {
        const state = testCase.result().state
        if (state === 'passed' || state === 'failed') {
          counts[state] += 1
        } else {
          counts.skipped += 1
        }
      }
    }

    process.stdout.write(
      `\nTests: ${counts.passed} passed, ${counts.failed} failed, ` +
        `${counts.skipped} skipped\n`,
    )
  }
}
