import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { fetchBearerToken, parseChallenge } from "../src/oci/registry-auth.js";

/** What the stand-in token service answers, by path: status and body. */
const ANSWERS: Record<string, [number, string]> = {
  "/token": [200, JSON.stringify({ token: "from-token" })],
  "/oauth2": [200, JSON.stringify({ access_token: "from-access-token" })],
  "/empty": [200, JSON.stringify({ token: "" })],
  "/html": [200, "<html>a login page</html>"],
  "/forbidden": [403, JSON.stringify({ errors: [{ code: "DENIED", message: "requested access to the resource is denied" }] })],
  "/broken": [500, "oops"],
};

let server: Server;
let origin: string;
const asked: URL[] = [];

before(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url!, origin);
    asked.push(url);
    const [status, body] = ANSWERS[url.pathname] ?? [404, ""];
    response.writeHead(status).end(body);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((done) => server.close(() => done())));

const bearer = (realm: string) => ({ scheme: "bearer", params: { realm, service: "registry.example.com" } });
const SCOPE = "repository:plugins/tiny:pull,push";

describe("parseChallenge", () => {
  it("reads the scheme and quoted parameters, with commas inside quotes and escaped quotes", () => {
    assert.deepEqual(parseChallenge('Bearer realm="https://auth.example.com/token",service="registry",scope="repository:a:pull,push",error="insufficient_scope"'), {
      scheme: "bearer",
      params: { realm: "https://auth.example.com/token", service: "registry", scope: "repository:a:pull,push", error: "insufficient_scope" },
    });
    assert.deepEqual(parseChallenge('Basic realm="say \\"hi\\""'), { scheme: "basic", params: { realm: 'say "hi"' } });
    assert.deepEqual(parseChallenge("Bearer realm=bare , Service=s"), { scheme: "bearer", params: { realm: "bare", service: "s" } });
    assert.equal(parseChallenge(""), null);
  });
});

describe("fetchBearerToken", () => {
  it("asks the realm for the scope on behalf of the service, and takes token or access_token", async () => {
    assert.deepEqual(await fetchBearerToken(bearer(`${origin}/token?client=x`), SCOPE, null), { token: "from-token" });
    const url = asked.at(-1)!;
    assert.deepEqual([...url.searchParams], [["client", "x"], ["service", "registry.example.com"], ["scope", SCOPE]]);
    assert.deepEqual(await fetchBearerToken(bearer(`${origin}/oauth2`), SCOPE, null), { token: "from-access-token" });
  });

  it("names the realm when the answer holds no token, is not JSON, or is an error", async () => {
    for (const path of ["/empty", "/html"]) {
      assert.deepEqual(await fetchBearerToken(bearer(`${origin}${path}`), SCOPE, null),
        { error: `its token service ${origin}${path} answered without a token`, loginRefused: false });
    }
    assert.deepEqual(await fetchBearerToken(bearer(`${origin}/forbidden`), SCOPE, null), {
      error: `its token service ${origin}/forbidden answered 403 Forbidden (requested access to the resource is denied)`,
      loginRefused: true,
    });
    assert.deepEqual(await fetchBearerToken(bearer(`${origin}/broken`), SCOPE, null),
      { error: `its token service ${origin}/broken answered 500 Internal Server Error`, loginRefused: false });
  });

  it("refuses a challenge without a usable realm", async () => {
    assert.deepEqual(await fetchBearerToken({ scheme: "bearer", params: {} }, SCOPE, null),
      { error: "the registry's bearer challenge names no realm", loginRefused: false });
    assert.deepEqual(await fetchBearerToken(bearer("/token"), SCOPE, null),
      { error: "the registry's bearer challenge names a realm that is not a URL: /token", loginRefused: false });
  });
});
