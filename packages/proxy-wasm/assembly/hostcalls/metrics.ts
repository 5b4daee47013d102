// Typed host calls: metrics (Envoy stats).
import { proxy_define_metric, proxy_get_metric, proxy_increment_metric, proxy_record_metric } from "../imports/metrics";
import { dataOf, RETURN_DATA, returnedU32, sizeOf, utf8 } from "../memory";
import { Result } from "../result";
import { MetricType, Status } from "../types";

/** Defines a metric; the value is its id. */
export function defineMetric(type: MetricType, name: string): Result<u32> {
  const n = utf8(name);
  return returnedU32(proxy_define_metric(type, dataOf(n), sizeOf(n), RETURN_DATA));
}

/** Adds `offset` to a counter (Envoy requires > 0) or a gauge. */
export function incrementMetric(metricId: u32, offset: i64): Status {
  return proxy_increment_metric(metricId, offset);
}

/** Envoy: adds `value` to a counter, sets a gauge, records into a histogram. */
export function recordMetric(metricId: u32, value: u64): Status {
  return proxy_record_metric(metricId, value);
}

/** The value of a counter or gauge. */
export function getMetric(metricId: u32): Result<u64> {
  const status = proxy_get_metric(metricId, RETURN_DATA);
  return new Result<u64>(status, status == Status.Ok ? load<u64>(RETURN_DATA) : 0);
}
