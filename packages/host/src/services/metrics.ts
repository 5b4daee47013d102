/**
 * Stats defined by the plugin (`proxy_define_metric` …). The stats live in the process-wide store, keyed by
 * type and name; each VM numbers its own ids for them (Envoy's `Wasm` keeps one id table per instance).
 */
import { MetricType, WasmResult } from "../abi/enums.js";

/** One stat as a test reads it. */
export interface Metric {
  readonly type: MetricType;
  readonly name: string;
  /** Counter and gauge value. */
  value: bigint;
  /** Recorded histogram values. */
  readonly samples: bigint[];
}

/** Envoy's `kMetricIdIncrement`: ids step by 4 with the type in the low two bits. */
const ID_STEP = 4;

/** The stats store: one stat per type and name, shared by every instance of the plugin. */
export class Metrics {
  private readonly byName = new Map<string, Metric>();

  /** The stat of a type and name, created at zero on first use. */
  stat(type: MetricType, name: string): Metric {
    const key = `${type}:${name}`;
    let metric = this.byName.get(key);
    if (metric === undefined) {
      metric = { type, name, value: 0n, samples: [] };
      this.byName.set(key, metric);
    }
    return metric;
  }

  /** The metric of a type and name, as tests look it up. */
  get(name: string, type: MetricType = MetricType.Counter): Metric | undefined {
    return this.byName.get(`${type}:${name}`);
  }
}

/** One VM's metric ids (counters 4, 8…, gauges 5, 9…, histograms 6, 10…) over the shared store. */
export class MetricIds {
  private readonly byId = new Map<number, Metric>();
  private readonly nextId = [ID_STEP + MetricType.Counter, ID_STEP + MetricType.Gauge, ID_STEP + MetricType.Histogram];

  constructor(private readonly store: Metrics) {}

  /** Defines (or re-defines: a fresh id for the same stat) a metric; `undefined` for a bad type. */
  define(type: number, name: string): number | undefined {
    if (type < MetricType.Counter || type > MetricType.Histogram) return undefined;
    const id = this.nextId[type]!;
    this.nextId[type] = id + ID_STEP;
    this.byId.set(id, this.store.stat(type, name));
    return id;
  }

  /** Counter: `offset > 0` required; gauge: add; histogram: refused. */
  increment(id: number, offset: bigint): WasmResult {
    const metric = this.byId.get(id);
    if (metric === undefined) return WasmResult.NotFound;
    if (metric.type === MetricType.Histogram) return WasmResult.BadArgument;
    if (metric.type === MetricType.Counter && offset <= 0n) return WasmResult.BadArgument;
    metric.value += offset;
    return WasmResult.Ok;
  }

  /** Counter: add; gauge: set; histogram: record a sample. */
  record(id: number, value: bigint): WasmResult {
    const metric = this.byId.get(id);
    if (metric === undefined) return WasmResult.NotFound;
    if (metric.type === MetricType.Counter) metric.value += value;
    else if (metric.type === MetricType.Gauge) metric.value = value;
    else metric.samples.push(value);
    return WasmResult.Ok;
  }

  /** The metric behind an id. */
  byMetricId(id: number): Metric | undefined {
    return this.byId.get(id);
  }
}
