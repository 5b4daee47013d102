/**
 * One instance of a plugin: a VM and its root context, started as cpp-host starts the canary or a worker
 * thread's copy (`_initialize`/`_start`, then `on_context_create(1, 0)`, `on_vm_start`, `on_configure`).
 */
import type { PluginConfig } from "./config.js";
import { RootContext } from "./context/root-context.js";
import type { AbiVersion } from "./loader/index.js";
import { LogLevel } from "./log.js";
import type { ConnectionOptions } from "./network/messages.js";
import { NetworkStream } from "./network/network-stream.js";
import { FakeClock, noTimer } from "./services/clock.js";
import type { PluginServices } from "./services/plugin-services.js";
import { HttpStream } from "./stream/http-stream.js";
import type { ResponseSink, StreamRequest, StreamResult, StreamingUpstream } from "./stream/messages.js";
import { PluginVm } from "./vm/plugin-vm.js";

/** A started instance: the canary (dropped once configured) or one worker's VM. */
export class PluginInstance {
  /** Why the VM or plugin failed to start, with Envoy's message. */
  startError: string | undefined;
  /** `proxy_on_tick` deliveries so far. */
  ticks = 0;
  /** Cancels the next tick on the fake clock. */
  private cancelTick = noTimer;
  private current!: PluginVm;
  private currentRoot!: RootContext;
  private lastRecovery = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly module: WebAssembly.Module,
    private readonly abi: AbiVersion,
    private readonly config: PluginConfig,
    private readonly services: PluginServices,
  ) {
    const clock = services.clock;
    if (clock instanceof FakeClock) {
      services.events.on("tick-period", (root) => root === this.currentRoot && this.scheduleTick(clock));
    }
    this.start();
  }

  /** The VM now serving (a new one after a Higress rebuild). */
  get vm(): PluginVm {
    return this.current;
  }

  /** Root context 1 of the current VM. */
  get root(): RootContext {
    return this.currentRoot;
  }

  /** Creates a fresh VM: `_initialize`/`_start`, then root context 1, `on_vm_start`, `on_configure`. */
  private start(): void {
    this.startError = undefined;
    this.cancelTick();
    const vm = PluginVm.create(this.module, this.abi, this.config, this.services);
    this.current = vm;
    const root = (this.currentRoot = vm.addContext((id) => new RootContext(vm, id)));
    if (vm.failure !== undefined) {
      this.startError = vm.failure;
      return;
    }
    vm.call(root, "proxy_on_context_create", root.id, 0);
    const started = vm.call(root, "proxy_on_vm_start", root.id, this.config.vmConfiguration.length);
    if (started.status === "ok" && started.value === 0) vm.fail("Failed to start base Wasm plugin");
    root.configuring = true;
    const configured = vm.call(root, "proxy_on_configure", root.id, this.config.configuration.length);
    root.configuring = false;
    if (configured.status === "ok" && configured.value === 0) vm.fail("Failed to configure base Wasm plugin");
    this.startError = vm.failure;
  }

  /**
   * Higress recovery: a VM that failed at runtime (not at start) is rebuilt before the next request,
   * at most once per `recoveryGuardMs`. Upstream Envoy keeps a failed VM failed.
   */
  private recoverIfFailed(): void {
    if (this.vm.failure === undefined || this.startError !== undefined || this.config.mode !== "higress") return;
    const now = Number(this.services.clock.monotonicNs() / 1_000_000n);
    if (now - this.lastRecovery < this.config.recoveryGuardMs) return;
    this.lastRecovery = now;
    this.services.logs.host(LogLevel.Warn, "wasm vm failed, rebuilding it (Higress recovery)");
    this.start();
  }

  /** Delivers one `proxy_on_tick` if the plugin set a tick period here; false otherwise. */
  tick(): boolean {
    if (this.root.tickPeriodMs === 0) return false;
    this.ticks++;
    this.vm.call(this.root, "proxy_on_tick", this.root.id);
    return true;
  }

  /**
   * Envoy's tick timer on the fake clock: setting a period (re)starts it, a period of 0 stops it; each tick
   * re-arms it with the period in force after `proxy_on_tick`, unless the plugin set one during the tick.
   */
  private scheduleTick(clock: FakeClock): void {
    this.cancelTick();
    this.cancelTick = noTimer;
    if (this.root.tickPeriodMs === 0 || this.vm.failure !== undefined) return;
    const cancel = clock.setTimer(this.root.tickPeriodMs, () => {
      this.tick();
      if (this.cancelTick === cancel) this.scheduleTick(clock);
    });
    this.cancelTick = cancel;
  }

  /** `proxy_on_done(root)`, then `proxy_on_delete` unless the plugin asked to finish later; whether it is deleted. */
  close(): boolean {
    const done = this.vm.call(this.root, "proxy_on_done", this.root.id);
    if (done.status === "ok" && done.value === 0) {
      this.root.pendingDone = true;
      return false;
    }
    this.vm.call(this.root, "proxy_on_delete", this.root.id);
    this.vm.removeContext(this.root.id);
    return true;
  }

  /** Runs one HTTP stream (context ids 2, 3, … of this VM). */
  request(request: StreamRequest, upstream: StreamingUpstream, sink?: ResponseSink, signal?: AbortSignal): Promise<StreamResult> {
    this.recoverIfFailed();
    const vm = this.vm;
    const stream = vm.addContext((id) => new HttpStream(vm, id, this.root, request));
    return stream.run(upstream, sink, signal);
  }

  /** Opens one network (TCP) stream (the next context id of this VM), as the listener accepts a connection. */
  connection(options: ConnectionOptions): NetworkStream {
    this.recoverIfFailed();
    const vm = this.vm;
    const stream = vm.addContext((id) => new NetworkStream(vm, id, this.root, options));
    stream.open();
    return stream;
  }
}
