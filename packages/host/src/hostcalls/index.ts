/** The import object of a plugin VM: every host function cpp-host, Envoy and Higress register. */
import { WasmResult } from "../abi/enums.js";
import { WASI_MODULES } from "../loader/index.js";
import type { PluginVm } from "../vm/plugin-vm.js";
import { bufferFunctions } from "./buffers.js";
import { calloutFunctions } from "./callouts.js";
import { dnsFunctions } from "./dns.js";
import { foreignFunctionFunctions } from "./foreign-functions.js";
import { grpcFunctions } from "./grpc.js";
import { guard, type HostFunctions } from "./host-function.js";
import { headerFunctions } from "./headers.js";
import { lifecycleFunctions } from "./lifecycle.js";
import { logFunctions } from "./log.js";
import { metricFunctions } from "./metrics.js";
import { propertyFunctions } from "./properties.js";
import { sharedDataFunctions } from "./shared-data.js";
import { sharedQueueFunctions } from "./shared-queues.js";
import { streamControlFunctions } from "./stream-control.js";
import { timerFunctions } from "./timers.js";
import { upstreamFunctions } from "./upstream.js";
import { WasiErrno, wasiFunctions } from "./wasi.js";

/** The `env` host functions (all ABIs; the loader decides which a module may import). */
export function envFunctions(vm: PluginVm): HostFunctions {
  return {
    ...logFunctions(vm),
    ...timerFunctions(vm),
    ...bufferFunctions(vm),
    ...headerFunctions(vm),
    ...propertyFunctions(vm),
    ...streamControlFunctions(vm),
    ...lifecycleFunctions(vm),
    ...sharedDataFunctions(vm),
    ...sharedQueueFunctions(vm),
    ...metricFunctions(vm),
    ...calloutFunctions(vm),
    ...grpcFunctions(vm),
    ...foreignFunctionFunctions(vm),
    ...upstreamFunctions(vm),
    ...dnsFunctions(vm),
  };
}

function guarded(vm: PluginVm, module: string, functions: HostFunctions, memoryFault: number): HostFunctions {
  return Object.fromEntries(
    Object.entries(functions).map(([name, fn]) => [name, guard(vm, `${module}.${name}`, fn, memoryFault)]),
  );
}

/** Builds the import object for one VM instance. */
export function createImports(vm: PluginVm): WebAssembly.Imports {
  const imports: WebAssembly.Imports = { env: guarded(vm, "env", envFunctions(vm), WasmResult.InvalidMemoryAccess) };
  for (const module of WASI_MODULES) imports[module] = guarded(vm, module, wasiFunctions(vm), WasiErrno.Fault);
  return imports;
}
