/** Summaries of repeated measurements. */

/** The value below which a fraction `q` of the sorted samples fall (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** A median with its spread: the 10th and 90th percentiles, and the number of samples. */
export interface Summary {
  readonly median: number;
  readonly p10: number;
  readonly p90: number;
  readonly samples: number;
}

/** Summarises samples. */
export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p10: quantile(sorted, 0.1), p90: quantile(sorted, 0.9), samples: sorted.length };
}

/** Nanoseconds elapsed since `start` (from `process.hrtime.bigint()`). */
export function elapsedNs(start: bigint): number {
  return Number(process.hrtime.bigint() - start);
}
