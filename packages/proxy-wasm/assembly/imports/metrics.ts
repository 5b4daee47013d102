// Host imports: metrics (Envoy stats).
import { MetricType, Status } from "../types";

/** Defines a counter, gauge or histogram; writes its id (u32). */
@external("env", "proxy_define_metric")
export declare function proxy_define_metric(
  metric_type: MetricType, name_data: usize, name_size: usize, return_metric_id: usize,
): Status;

/** Adds `offset` (wasm i64) to a counter (must be > 0) or a gauge. */
@external("env", "proxy_increment_metric")
export declare function proxy_increment_metric(metric_id: u32, offset: i64): Status;

/** Records `value` (wasm i64): adds to a counter, sets a gauge, records into a histogram. */
@external("env", "proxy_record_metric")
export declare function proxy_record_metric(metric_id: u32, value: u64): Status;

/** Writes the value (u64) of a counter or gauge. */
@external("env", "proxy_get_metric")
export declare function proxy_get_metric(metric_id: u32, return_value: usize): Status;
