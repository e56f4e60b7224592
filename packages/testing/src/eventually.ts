/**
 * Polls a read until it passes, for a change no request of this process made (another process's,
 * or a row written straight into the database): its notice is heard when it lands, so no fence
 * waited for it. Returns how long it took.
 */
export async function eventually(check: () => Promise<boolean>, ms = 3_000): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > ms) throw new Error(`still stale after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return performance.now() - started;
}
