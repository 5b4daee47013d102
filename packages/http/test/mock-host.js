// A scripted proxy-wasm host for the client specs: the few host calls the http package makes, answering like
// Envoy would, with an echo upstream. Calls to cluster names starting with "unknown" are refused with
// BAD_ARGUMENT (2), as Envoy refuses a cluster it does not know.
const OK = 0;
const NOT_FOUND = 1;
const BAD_ARGUMENT = 2;
const HTTP_REQUEST_HEADERS = 0;
const HTTP_CALL_RESPONSE_HEADERS = 6;
const HTTP_CALL_RESPONSE_BODY = 4;

const utf8 = new TextDecoder();
const encoder = new TextEncoder();

/** Builds the `env` imports of the mock host and the `mock` imports specs use to drive it. */
export function createMockHost() {
  let exports = null;
  const calls = new Map(); // token -> { cluster, headers: [k, v][], body, timeout }
  const endedContexts = new Set();
  let nextToken = 4;
  let answering = null; // { headers: [k, v][], body: Uint8Array } while a response is being delivered
  let effectiveContext = 0;

  const bytes = () => new Uint8Array(exports.memory.buffer);
  const view = () => new DataView(exports.memory.buffer);
  const read = (ptr, size) => bytes().slice(ptr, ptr + size);
  const text = (ptr, size) => utf8.decode(read(ptr, size));

  /** Copies `data` into a block from the module's allocator and writes its address and size to the slots. */
  function give(data, ptrPtr, sizePtr) {
    let ptr = 0;
    if (data.length > 0) {
      ptr = exports.malloc(data.length);
      bytes().set(data, ptr);
    }
    view().setUint32(ptrPtr, ptr, true);
    view().setUint32(sizePtr, data.length, true);
    return OK;
  }

  function parsePairs(ptr, size) {
    if (size === 0) return [];
    const data = read(ptr, size);
    const dv = new DataView(data.buffer);
    const count = dv.getUint32(0, true);
    const pairs = [];
    let offset = 4 + 8 * count;
    for (let i = 0; i < count; i++) {
      const keyLength = dv.getUint32(4 + 8 * i, true);
      const valueLength = dv.getUint32(8 + 8 * i, true);
      const key = utf8.decode(data.slice(offset, offset + keyLength));
      offset += keyLength + 1;
      const value = utf8.decode(data.slice(offset, offset + valueLength));
      offset += valueLength + 1;
      pairs.push([key, value]);
    }
    return pairs;
  }

  function serializePairs(pairs) {
    const encoded = pairs.map(([k, v]) => [encoder.encode(k), encoder.encode(v)]);
    const size = encoded.reduce((n, [k, v]) => n + 10 + k.length + v.length, 4);
    const out = new Uint8Array(size);
    const dv = new DataView(out.buffer);
    dv.setUint32(0, encoded.length, true);
    let offset = 4 + 8 * encoded.length;
    encoded.forEach(([k, v], i) => {
      dv.setUint32(4 + 8 * i, k.length, true);
      dv.setUint32(8 + 8 * i, v.length, true);
      out.set(k, offset);
      offset += k.length + 1;
      out.set(v, offset);
      offset += v.length + 1;
    });
    return out;
  }

  const env = {
    proxy_log() {
      return OK;
    },
    proxy_http_call(clusterPtr, clusterSize, headersPtr, headersSize, bodyPtr, bodySize, _trailersPtr, trailersSize,
      timeout, tokenPtr) {
      view().setUint32(tokenPtr, 0, true);
      const cluster = text(clusterPtr, clusterSize);
      if (cluster.startsWith("unknown") || trailersSize !== 0) return BAD_ARGUMENT;
      const token = nextToken;
      nextToken += 4;
      const headers = parsePairs(headersPtr, headersSize);
      calls.set(token, { cluster, headers, body: read(bodyPtr, bodySize), timeout });
      view().setUint32(tokenPtr, token, true);
      return OK;
    },
    proxy_get_header_map_pairs(map, ptrPtr, sizePtr) {
      // Like a strict host, the answer is readable through the root context only.
      const readable = map === HTTP_CALL_RESPONSE_HEADERS && answering !== null && effectiveContext === 0;
      const pairs = readable ? answering.headers : [];
      return give(pairs.length === 0 ? new Uint8Array(0) : serializePairs(pairs), ptrPtr, sizePtr);
    },
    proxy_get_header_map_value(map, keyPtr, keySize, ptrPtr, sizePtr) {
      if (map !== HTTP_REQUEST_HEADERS || text(keyPtr, keySize) !== ":authority") return NOT_FOUND;
      return give(encoder.encode("client.example"), ptrPtr, sizePtr);
    },
    proxy_get_buffer_bytes(type, start, maxSize, ptrPtr, sizePtr) {
      if (type !== HTTP_CALL_RESPONSE_BODY || answering === null || effectiveContext !== 0) return NOT_FOUND;
      return give(answering.body.slice(start, start + maxSize), ptrPtr, sizePtr);
    },
    proxy_get_property(pathPtr, pathSize, ptrPtr, sizePtr) {
      if (text(pathPtr, pathSize) !== "cluster_name") return NOT_FOUND;
      return give(encoder.encode("outbound|8080||route.default.svc.cluster.local"), ptrPtr, sizePtr);
    },
    proxy_set_effective_context(id) {
      if (endedContexts.has(id)) return BAD_ARGUMENT;
      effectiveContext = id;
      return OK;
    },
  };

  const mock = {
    /** Echoes call `token` like httpbin's /anything: the request's headers and body as the response body. */
    answer(token) {
      const call = calls.get(token);
      const lines = call.headers.map(([k, v]) => `${k}: ${v}`).join("\n");
      const body = encoder.encode(`${call.cluster} ${call.timeout}\n${lines}\n\n${utf8.decode(call.body)}`);
      answering = { headers: [[":status", "200"], ["x-echo", "yes"]], body };
      effectiveContext = 0;
      return body.length;
    },
    /** The stream `id` ended: the host no longer knows it. */
    endStream(id) {
      endedContexts.add(id);
    },
    /** The context the module last made effective (0 before any). */
    effectiveContext() {
      return effectiveContext;
    },
  };

  return { imports: { env, mock }, attach: (instanceExports) => (exports = instanceExports) };
}
