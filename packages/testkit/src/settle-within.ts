/** How a promise ended, or that it did not end in time. */
export type Settled<T> =
  | { readonly state: 'resolved'; readonly value: T }
  | { readonly state: 'rejected'; readonly error: unknown }
  | { readonly state: 'pending' };

/**
 * Waits for `promise` at most `timeoutMs`. A hang detector, not a timing goal: the bound is generous and
 * only tells "answered" from "never answers". The timer is unref'd so a hung subject cannot keep the
 * process alive.
 */
export async function settleWithin<T>(promise: Promise<T>, timeoutMs: number): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ state: 'pending' }), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([
      promise.then(
        (value): Settled<T> => ({ state: 'resolved', value }),
        (error: unknown): Settled<T> => ({ state: 'rejected', error }),
      ),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
