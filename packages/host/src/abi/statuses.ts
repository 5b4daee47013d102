/** How Envoy turns a callback's raw i32 return into a filter status (reference §2.3, §4.4, §9.4). */
import type { AbiVersion } from "../loader/index.js";
import { FilterDataStatus, FilterHeadersStatus, FilterTrailersStatus } from "./enums.js";

/**
 * Header callbacks: 0.2.x modules' `1` becomes StopAllIterationAndWatermark unless Envoy's
 * `allow_on_headers_stop_iteration` is set; Higress's 0.2.100 keeps raw values. `2`
 * (ContinueAndEndStream) has no case in Envoy's conversion and continues; larger values stop all.
 */
export function toFilterHeadersStatus(
  raw: number,
  abi: AbiVersion,
  allowStopIteration: boolean,
): FilterHeadersStatus {
  switch (raw) {
    case FilterHeadersStatus.Continue:
    case FilterHeadersStatus.ContinueAndEndStream:
      return FilterHeadersStatus.Continue;
    case FilterHeadersStatus.StopIteration:
      return abi === "0.2.100" || allowStopIteration
        ? FilterHeadersStatus.StopIteration
        : FilterHeadersStatus.StopAllIterationAndWatermark;
    case FilterHeadersStatus.StopAllIterationAndBuffer:
      return FilterHeadersStatus.StopAllIterationAndBuffer;
    default:
      return FilterHeadersStatus.StopAllIterationAndWatermark;
  }
}

/** Body callbacks: 0..3 map one to one, anything larger is StopIterationNoBuffer. */
export function toFilterDataStatus(raw: number): FilterDataStatus {
  return raw >= 0 && raw <= FilterDataStatus.StopIterationNoBuffer ? raw : FilterDataStatus.StopIterationNoBuffer;
}

/** Trailer callbacks: any non-zero return stops iteration. */
export function toFilterTrailersStatus(raw: number): FilterTrailersStatus {
  return raw === 0 ? FilterTrailersStatus.Continue : FilterTrailersStatus.StopIteration;
}
