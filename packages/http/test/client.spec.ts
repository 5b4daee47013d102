// The client against the scripted host of test/mock-host.js: what reaches proxy_http_call, and how answers
// come back to the callback with their context object.
import { HttpContext, Pair, RootContext } from "@higress-ts/proxy-wasm/assembly";
import { FQDNCluster, TargetCluster } from "../assembly/cluster";
import { HttpClient } from "../assembly/client";
import { deliverHttpCallResponse } from "../assembly/delivery";
import { pendingHttpCallCount } from "../assembly/pending";
import { HttpResponse } from "../assembly/response";
import { RouteCluster } from "../assembly/route-cluster";

export { malloc } from "@higress-ts/proxy-wasm/assembly/memory";

@external("mock", "answer")
declare function answer(token: u32): u32;
@external("mock", "endStream")
declare function endStream(contextId: u32): void;
@external("mock", "effectiveContext")
declare function effectiveContext(): u32;

/** What a callback saw: the response, the context object it got, and the effective context then. */
class Seen {
  response: HttpResponse | null = null;
  effectiveContext: u32 = 0;
  calls: i32 = 0;
}

class Request extends HttpContext {
  seen: Seen = new Seen();
}

function onResponse(response: HttpResponse, request: Request): void {
  request.seen.response = response;
  request.seen.effectiveContext = effectiveContext();
  request.seen.calls++;
}

function onResponseSeen(response: HttpResponse, seen: Seen): void {
  seen.response = response;
  seen.effectiveContext = effectiveContext();
  seen.calls++;
}

const root = new RootContext(1);

/** Delivers the echo answer of the only pending call (tokens start at 4 and step by 4). */
function deliverEcho(token: u32): bool {
  return deliverHttpCallResponse(token, 2, answer(token));
}

describe("HttpClient", () => {
  it("sends the call to the cluster with the pseudo-headers last, the body and the default timeout", () => {
    const client = new HttpClient(new FQDNCluster("httpbin.org", 80));
    expect(client.clusterName()).toBe("outbound|80||httpbin.org");
    const request = new Request(2, root);
    const headers = [Pair.of("content-type", "text/plain"), Pair.of(":path", "/ignored")];
    const body = String.UTF8.encode("hi");
    expect(client.post<Request>("/post?x=1", headers, body, onResponse, request) === null).toBe(true);
    expect(pendingHttpCallCount()).toBe(1);

    expect(deliverEcho(4)).toBe(true);
    expect(pendingHttpCallCount()).toBe(0);
    const response = request.seen.response!;
    expect(response.token).toBe(4);
    expect(response.failed).toBe(false);
    expect(response.statusCode).toBe(200);
    expect(response.header("X-Echo")).toBe("yes");
    expect(response.bodyText()).toBe(
      "outbound|80||httpbin.org 500\n" +
        "content-type: text/plain\n:method: POST\n:path: /post?x=1\n:authority: httpbin.org\n\nhi",
    );
  });

  it("delivers with the calling stream as effective context", () => {
    const client = new HttpClient(new FQDNCluster("httpbin.org", 80));
    const request = new Request(3, root);
    expect(client.get<Request>("http://api.example/get", null, onResponse, request, 1500) === null).toBe(true);
    expect(deliverEcho(8)).toBe(true);
    expect(request.seen.calls).toBe(1);
    expect(request.seen.effectiveContext).toBe(3);
    expect(request.seen.response!.bodyText()).toBe(
      "outbound|80||httpbin.org 1500\n:method: GET\n:path: /get\n:authority: api.example\n\n",
    );
  });

  it("stays on the root context when the context object is not a proxy-wasm context", () => {
    const client = new HttpClient(new TargetCluster("outbound|80||echo.dns"));
    const seen = new Seen();
    expect(client.delete<Seen>("/x", null, null, onResponseSeen, seen, 0) === null).toBe(true);
    expect(deliverEcho(12)).toBe(true);
    expect(seen.effectiveContext).toBe(0);
    expect(seen.response!.bodyText()).toBe(
      "outbound|80||echo.dns 0\n:method: DELETE\n:path: /x\n:authority: unknownhost\n\n",
    );
  });

  it("reports a failed call (no headers) as failed with status 502 and an empty body", () => {
    const client = new HttpClient(new FQDNCluster("httpbin.org", 80));
    const request = new Request(4, root);
    expect(client.head<Request>("/status/200", null, onResponse, request) === null).toBe(true);
    expect(deliverHttpCallResponse(16, 0, 0)).toBe(true);
    const response = request.seen.response!;
    expect(response.failed).toBe(true);
    expect(response.statusCode).toBe(502);
    expect(response.headers.length).toBe(0);
    expect(response.body.byteLength).toBe(0);
  });

  it("drops the answer when the calling stream is gone, and ignores tokens it did not issue", () => {
    const client = new HttpClient(new FQDNCluster("httpbin.org", 80));
    const request = new Request(5, root);
    expect(client.options<Request>("/", null, onResponse, request) === null).toBe(true);
    endStream(5);
    expect(deliverEcho(20)).toBe(true);
    expect(request.seen.calls).toBe(0);
    expect(pendingHttpCallCount()).toBe(0);
    expect(deliverHttpCallResponse(20, 1, 0)).toBe(false, "a token is delivered once");
    expect(deliverHttpCallResponse(7, 1, 0)).toBe(false, "a Redis token is not ours");
  });

  it("returns the host's refusal synchronously, naming the cluster", () => {
    const client = new HttpClient(new TargetCluster("unknown-cluster", "x"));
    const seen = new Seen();
    const error = client.get<Seen>("/", null, onResponseSeen, seen);
    expect(error === null).toBe(false);
    expect(error!.message).toBe(
      'http call to cluster "unknown-cluster" failed: bad argument (no such cluster in Envoy?)',
    );
    expect(pendingHttpCallCount()).toBe(0);
  });

  it("rejects a bad URL, an empty method and an out-of-range timeout before calling the host", () => {
    const client = new HttpClient(new FQDNCluster("httpbin.org", 80));
    const seen = new Seen();
    expect(client.get<Seen>("/a%zz", null, onResponseSeen, seen)!.message).toBe(
      'invalid URL "/a%zz": invalid URL escape "%zz"',
    );
    expect(client.call<Seen>("", "/", null, null, onResponseSeen, seen)!.message).toBe("http call without a method");
    expect(client.put<Seen>("/", null, null, onResponseSeen, seen, 0x80000000)!.message).toBe(
      "http call timeout 2147483648 ms is out of range",
    );
    expect(pendingHttpCallCount()).toBe(0);
  });

  it("sends every method by its name", () => {
    const client = new HttpClient(new FQDNCluster("httpbin.org", 80));
    const seen = new Seen();
    expect(client.patch<Seen>("/", null, null, onResponseSeen, seen) === null).toBe(true);
    expect(client.connect<Seen>("/", null, null, onResponseSeen, seen) === null).toBe(true);
    expect(client.trace<Seen>("/", null, null, onResponseSeen, seen) === null).toBe(true);
    expect(client.call<Seen>("PURGE", "/", null, null, onResponseSeen, seen) === null).toBe(true);
    const methods = ["PATCH", "CONNECT", "TRACE", "PURGE"];
    for (let i = 0; i < methods.length; i++) {
      const token = <u32>(24 + 4 * i);
      expect(deliverEcho(token)).toBe(true);
      expect(seen.response!.bodyText()).toBe(
        "outbound|80||httpbin.org 500\n:method: " + methods[i] + "\n:path: /\n:authority: httpbin.org\n\n",
      );
    }
    expect(seen.calls).toBe(4);
  });
});

describe("RouteCluster", () => {
  it("names the request's cluster and takes its :authority", () => {
    const cluster = new RouteCluster();
    expect(cluster.clusterName()).toBe("outbound|8080||route.default.svc.cluster.local");
    expect(cluster.hostName()).toBe("client.example");
    expect(new RouteCluster("api.example").hostName()).toBe("api.example");
  });
});
