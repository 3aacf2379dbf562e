/** A tiny test runner: named async tests, run in order, each with a deadline and a cleanup. */

/** One test. */
export interface Test {
  name: string;
  run(): Promise<void>;
  /** Deadline in ms (default 30 s). */
  timeout?: number;
}

/** Runs suites in order; resolves when all pass, rejects with a summary otherwise. */
export async function runSuites(suites: { name: string; tests: Test[] }[], cleanup: () => Promise<void>): Promise<void> {
  const filter = process.env.PREP_LOOP_TEST_GREP ? new RegExp(process.env.PREP_LOOP_TEST_GREP, 'i') : undefined;
  const failures: string[] = [];
  let passed = 0;
  const t0 = Date.now();
  for (const suite of suites) {
    console.log(`${suite.name}:`);
    for (const t of suite.tests) {
      if (filter && !filter.test(`${suite.name} ${t.name}`)) continue;
      const start = Date.now();
      try {
        await withDeadline(t.run(), t.timeout ?? 30_000, t.name);
        passed++;
        console.log(`  ✓ ${t.name} (${Date.now() - start} ms)`);
      } catch (e) {
        failures.push(`${suite.name} › ${t.name}`);
        console.log(`  ✗ ${t.name}\n      ${e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 6).join('\n      ') : String(e)}`);
      } finally {
        try {
          await withDeadline(cleanup(), 15_000, 'cleanup');
        } catch (e) {
          console.log(`    (cleanup after "${t.name}" failed: ${String(e)})`);
        }
      }
    }
  }
  console.log(`${passed} passing, ${failures.length} failing (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (failures.length) throw new Error(`${failures.length} test(s) failed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
}

function withDeadline<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`"${what}" did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}
