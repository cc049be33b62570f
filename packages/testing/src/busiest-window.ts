/**
 * Returns the maximum number of times that fall within one window of
 * `windowMs`, over every window start, so a test can check that requests
 * stayed under a sliding-window rate limit.
 */
export function busiestWindow(
  times: readonly number[],
  windowMs: number,
): number {
  const sorted = [...times].sort((a, b) => a - b)
  let busiest = 0
  let start = 0
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] as number) - (sorted[start] as number) >= windowMs) {
      start++
    }
    busiest = Math.max(busiest, end - start + 1)
  }
  return busiest
}
