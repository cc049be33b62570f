/** Narrows a result to its success branch, and fails the test otherwise. */
export function okResult<T extends { ok: boolean }>(
  result: T,
): Extract<T, { ok: true }> {
  if (!result.ok) {
    throw new Error(`expected a success, got ${JSON.stringify(result)}`)
  }
  return result as Extract<T, { ok: true }>
}

/** Narrows a result to its failure branch, and fails the test otherwise. */
export function errorResult<T extends { ok: boolean }>(
  result: T,
): Extract<T, { ok: false }> {
  if (result.ok) {
    throw new Error('expected a failure, got a success')
  }
  return result as Extract<T, { ok: false }>
}
