/** `proxy_define_metric`, `proxy_increment_metric`, `proxy_record_metric`, `proxy_get_metric`. */
import { MetricType, WasmResult } from "../abi/enums.js";
import type { PluginVm } from "../vm/plugin-vm.js";
import type { HostFunctions } from "./host-function.js";

/** Metric host functions with Envoy's semantics (offsets and values are i64). */
export function metricFunctions(vm: PluginVm): HostFunctions {
  const metrics = () => vm.metricIds;
  return {
    proxy_define_metric(type: number, namePtr: number, nameSize: number, idPtr: number) {
      const name = vm.memory.readString(namePtr, nameSize);
      const id = metrics().define(type >>> 0, name);
      if (id === undefined) return WasmResult.BadArgument;
      vm.memory.writeU32(idPtr, id);
      return WasmResult.Ok;
    },
    proxy_increment_metric: (id: number, offset: bigint) => metrics().increment(id >>> 0, offset),
    proxy_record_metric: (id: number, value: bigint) => metrics().record(id >>> 0, value),
    proxy_get_metric(id: number, valuePtr: number) {
      const metric = metrics().byMetricId(id >>> 0);
      if (metric === undefined) return WasmResult.NotFound;
      if (metric.type === MetricType.Histogram) return WasmResult.BadArgument;
      vm.memory.writeU64(valuePtr, metric.value);
      return WasmResult.Ok;
    },
  };
}
