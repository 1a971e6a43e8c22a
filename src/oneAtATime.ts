/**
 * Runs work for the same key one after another within this process (the key is usually the Payload
 * instance). Each call site makes its own, so unrelated work never waits on it.
 */
export const oneAtATime = () => {
  const tails = new WeakMap<object, Promise<unknown>>()
  return <T>(key: object, work: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key) ?? Promise.resolve()
    const next = previous.then(work, work)
    tails.set(
      key,
      next.catch(() => undefined),
    )
    return next
  }
}
