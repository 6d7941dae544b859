// Polls until `check` stops throwing; for effects that arrive through a real server, without
// sleeping a fixed time. The deadline is generous: a loaded 2-core machine must not fail it.
export async function eventually<T>(
  check: () => Promise<T>,
  { timeoutMs = 60_000, intervalMs = 250 } = {},
): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() - started > timeoutMs) throw e;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}
