/** Number formatting shared by the report and the chart. */
import type { Summary } from "../stats.js";

/** A duration given in ns, in the unit that reads best (ns, µs or ms). */
export function duration(ns: number): string {
  if (ns < 1_000) return `${ns.toFixed(0)} ns`;
  if (ns < 1_000_000) return `${(ns / 1_000).toFixed(ns < 10_000 ? 2 : 1)} µs`;
  return `${(ns / 1_000_000).toFixed(ns < 10_000_000 ? 2 : 1)} ms`;
}

/** A median with its p10–p90 spread. */
export function spread(s: Summary): string {
  return `${duration(s.median)} (${duration(s.p10)}–${duration(s.p90)})`;
}

/** A size in bytes with KiB. */
export function size(bytes: number): string {
  return `${bytes.toLocaleString("en")} B (${(bytes / 1024).toFixed(1)} KiB)`;
}

/** An integer with thousands separators. */
export function count(value: number): string {
  return Math.round(value).toLocaleString("en");
}
