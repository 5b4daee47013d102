// What the wrapper does in each HTTP callback (Go `CommonHttpCtx`): cache the request line, pick the config once
// at request headers, and drive the plugin's handlers — buffered bodies whole at the end, streamed bodies chunk
// by chunk, binary bodies and websocket upgrades skipped — skipping everything for a request the plugin is off
// for. The body phases are reached through the VM context, where only the body options install them.
import {
  BufferType, DataStatus, getBufferBytes, HeaderStatus, setBufferBytes,
} from "@higress-ts/proxy-wasm/assembly";
import { CommonPluginCtx } from "./common-plugin-ctx";
import { HTTPExecutionPhase, HttpContext } from "./http-context";

/** As Go's `math.MaxInt32` size: the whole body. */
const WHOLE_BODY: u32 = <u32>i32.MAX_VALUE;

/** The context of one HTTP stream of a plugin with config class `C`. */
export class CommonHttpCtx<C> extends HttpContext {
  /** The config chosen for this request; null until request headers, and when the plugin is off for it. */
  private config: C | null = null;

  constructor(id: u32, private readonly pluginCtx: CommonPluginCtx<C>) {
    super(id, pluginCtx);
    const vm = pluginCtx.vm;
    this.needRequestBody = vm.onHttpRequestBody !== null || vm.onHttpStreamingRequestBody !== null;
    this.needResponseBody = vm.onHttpResponseBody !== null || vm.onHttpStreamingResponseBody !== null;
    this.streamingRequestBody = vm.onHttpStreamingRequestBody !== null;
    this.streamingResponseBody = vm.onHttpStreamingResponseBody !== null;
  }

  /** The config chosen for this request (see `HttpContext.getMatchConfig`). */
  matchedConfig(): C | null {
    return this.config;
  }

  onRequestHeaders(numHeaders: u32, endOfStream: bool): HeaderStatus {
    this.executionPhase = HTTPExecutionPhase.DecodeHeader;
    this.requestHeaderEndOfStream = endOfStream;
    const plugin = this.pluginCtx;
    const vm = plugin.vm;
    const checkRebuild = vm.checkRebuild;
    if (checkRebuild !== null) checkRebuild(plugin);
    const config = plugin.matchConfig(this);
    if (config === null) return HeaderStatus.Continue;
    this.config = config;
    const handler = vm.onHttpRequestHeaders;
    const status = handler === null ? HeaderStatus.Continue : handler(this, config);
    const keep = vm.keepRequestHeaders;
    if (keep !== null) keep(this);
    return status;
  }

  /** Keeps the request's cached headers past the request-headers callback (see `CommonVmCtx.keepRequestHeaders`). */
  keepRequestLine(): void {
    this.keepRequestHeaders();
  }

  /** Keeps the response's cached headers for its body phase (see `CommonVmCtx.keepResponseHeaders`). */
  keepResponseKind(): void {
    this.keepResponseHeaders();
  }

  onRequestBody(bodySize: u32, endOfStream: bool): DataStatus {
    this.executionPhase = HTTPExecutionPhase.DecodeData;
    const phase = this.pluginCtx.vm.requestBodyPhase;
    return phase === null ? DataStatus.Continue : phase(this, bodySize, endOfStream);
  }

  /** The request-body phase of a plugin with a request body handler (installed by the body options). */
  requestBody(bodySize: u32, endOfStream: bool): DataStatus {
    const config = this.config;
    if (config === null || !this.needRequestBody || this.isBinaryRequestBody() || this.isWebsocket()) {
      return DataStatus.Continue;
    }
    const vm = this.pluginCtx.vm;
    const streaming = vm.onHttpStreamingRequestBody;
    if (streaming !== null && this.streamingRequestBody) {
      const chunk = readBody(BufferType.HttpRequestBody, bodySize);
      setBufferBytes(BufferType.HttpRequestBody, 0, WHOLE_BODY, streaming(this, config, chunk, endOfStream));
      return DataStatus.Continue;
    }
    const buffered = vm.onHttpRequestBody;
    if (buffered === null) return DataStatus.Continue;
    if (!endOfStream) return DataStatus.StopIterationAndBuffer;
    return buffered(this, config, readBody(BufferType.HttpRequestBody, bodySize));
  }

  onResponseHeaders(numHeaders: u32, endOfStream: bool): HeaderStatus {
    this.executionPhase = HTTPExecutionPhase.EncodeHeader;
    this.responseHeaderEndOfStream = endOfStream;
    const config = this.config;
    if (config === null) return HeaderStatus.Continue;
    const routeCall = this.pendingRouteCall;
    if (routeCall !== null) {
      if (!endOfStream) {
        this.needResponseBody = true;
        return HeaderStatus.StopIteration;
      }
      this.pendingRouteCall = null;
      routeCall.deliver(this, null);
      return HeaderStatus.StopAllIterationAndWatermark;
    }
    const handler = this.pluginCtx.vm.onHttpResponseHeaders;
    const status = handler === null ? HeaderStatus.Continue : handler(this, config);
    const keep = this.pluginCtx.vm.keepResponseHeaders;
    if (keep !== null && this.needResponseBody) keep(this);
    return status;
  }

  onResponseBody(bodySize: u32, endOfStream: bool): DataStatus {
    this.executionPhase = HTTPExecutionPhase.EncodeData;
    if (this.config === null || !this.needResponseBody) return DataStatus.Continue;
    const routeCall = this.pendingRouteCall;
    if (routeCall !== null) {
      if (!endOfStream) return DataStatus.StopIterationAndBuffer;
      this.pendingRouteCall = null;
      const body = readBody(BufferType.HttpResponseBody, bodySize);
      routeCall.deliver(this, body);
      return DataStatus.Continue;
    }
    const phase = this.pluginCtx.vm.responseBodyPhase;
    return phase === null ? DataStatus.Continue : phase(this, bodySize, endOfStream);
  }

  /** The response-body phase of a plugin with a response body handler (installed by the body options). */
  responseBody(bodySize: u32, endOfStream: bool): DataStatus {
    const config = this.config!;
    if (this.isBinaryResponseBody() || this.isWebsocket()) return DataStatus.Continue;
    const vm = this.pluginCtx.vm;
    const streaming = vm.onHttpStreamingResponseBody;
    if (streaming !== null && this.streamingResponseBody) {
      const chunk = readBody(BufferType.HttpResponseBody, bodySize);
      setBufferBytes(BufferType.HttpResponseBody, 0, WHOLE_BODY, streaming(this, config, chunk, endOfStream));
      return this.pauseStreamingResponse ? DataStatus.StopIterationNoBuffer : DataStatus.Continue;
    }
    const buffered = vm.onHttpResponseBody;
    if (buffered === null) return DataStatus.Continue;
    if (!endOfStream) return DataStatus.StopIterationAndBuffer;
    return buffered(this, config, readBody(BufferType.HttpResponseBody, bodySize));
  }

  /** Access-log time: the stream is done (the Go SDK calls `OnHttpStreamDone` from `proxy_on_log`). */
  onLog(): void {
    this.executionPhase = HTTPExecutionPhase.Done;
    const config = this.config;
    const handler = this.pluginCtx.vm.onHttpStreamDone;
    if (config !== null && handler !== null) handler(this, config);
  }
}

/** The body buffered so far (`bodySize` bytes: Envoy counts the whole buffered body); empty when unreadable. */
function readBody(buffer: BufferType, bodySize: u32): ArrayBuffer {
  const body = getBufferBytes(buffer, 0, bodySize).value;
  return body === null ? new ArrayBuffer(0) : body;
}
