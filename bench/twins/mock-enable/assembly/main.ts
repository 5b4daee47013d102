// mock-enable's raw twin, written directly on the proxy-wasm layer to price the SDK: the same behaviour as
// plugins/mock-enable for the configurations the bench uses (`{"mockEnable": true}` answers every request
// locally with 200 "hello world"; otherwise the request gets `hello: world` and goes upstream). Its
// configuration reader only looks for `"mockEnable"` followed by `true`: no JSON parser, no `_rules_`.
import {
  addHeaderMapValue, BufferType, getBufferBytes, HeaderStatus, HttpContext, MapType, registerRootContext,
  RootContext, sendLocalResponse,
} from "@higress-ts/proxy-wasm/assembly";

const KEY = String.UTF8.encode('"mockEnable"');
const TRUE = String.UTF8.encode("true");

/** Whether `text` has `expected` at `at`. */
function bytesAt(text: Uint8Array, at: i32, expected: Uint8Array): bool {
  if (at + expected.length > text.length) return false;
  for (let i = 0; i < expected.length; i++) {
    if (text[at + i] != expected[i]) return false;
  }
  return true;
}

/** True when the configuration sets `"mockEnable"` to `true`. */
function readMockEnable(config: Uint8Array): bool {
  const key = Uint8Array.wrap(KEY);
  for (let at = 0; at + key.length <= config.length; at++) {
    if (!bytesAt(config, at, key)) continue;
    let value = at + key.length;
    while (value < config.length && (config[value] == 0x20 || config[value] == 0x3a)) value++;
    return bytesAt(config, value, Uint8Array.wrap(TRUE));
  }
  return false;
}

class MockEnable extends HttpContext {
  onRequestHeaders(numHeaders: u32, endOfStream: bool): HeaderStatus {
    addHeaderMapValue(MapType.HttpRequestHeaders, "hello", "world");
    if ((this.root as MockEnableRoot).mockEnable) {
      sendLocalResponse(200, "", String.UTF8.encode("hello world"), null);
    }
    return HeaderStatus.Continue;
  }
}

class MockEnableRoot extends RootContext {
  mockEnable: bool = false;

  onConfigure(pluginConfigurationSize: u32): bool {
    const config = getBufferBytes(BufferType.PluginConfiguration, 0, pluginConfigurationSize);
    const bytes = config.value;
    this.mockEnable = bytes !== null && readMockEnable(Uint8Array.wrap(bytes));
    return true;
  }

  createHttpContext(contextId: u32): HttpContext | null {
    return new MockEnable(contextId, this);
  }
}

registerRootContext((contextId: u32): RootContext => new MockEnableRoot(contextId), "mock-enable");
