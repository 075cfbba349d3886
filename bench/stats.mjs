// Small number helpers shared by the measurements, so every percentile is computed the same way.

/** The p-th percentile (0–100) of numbers, nearest-rank; undefined for no numbers. */
export function percentile(values, p) {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export const median = (values) => percentile(values, 50);

/** Rounds for the report: enough digits to compare runs, not so many that noise looks like data. */
export function round(value, digits = 1) {
  if (value === undefined || value === null || Number.isNaN(value)) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Milliseconds since `start` (a `process.hrtime.bigint()` reading), as a float. */
export const msSince = (start) => Number(process.hrtime.bigint() - start) / 1e6;
