import { spawnSync } from "node:child_process";
import { createPrivateKey, randomUUID, sign, X509Certificate, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { scratchDir } from "./plugin-fixture.js";

/** The registry's name in tokens: the `service` of its challenge and the `aud` of the tokens it accepts. */
export const SERVICE = "higress-ts-test-registry";
/** The `iss` of the tokens, which the registry must trust. */
const ISSUER = "higress-ts-test-token-service";
/** How long a token is valid, in seconds. */
const TOKEN_SECONDS = 300;

/** One request the token service answered. */
export interface TokenRequest {
  /** The user name of the basic credentials sent, or null for an anonymous request. */
  readonly account: string | null;
  /** Whether the credentials were right (an anonymous request is granted nothing, but answered). */
  readonly authenticated: boolean;
  readonly service: string | null;
  /** Every scope asked for, e.g. `repository:plugins/tiny:pull,push`. */
  readonly scopes: readonly string[];
}

/** A token service of the distribution token protocol, on a loopback port. */
export interface TokenService {
  /** Its realm: `http://127.0.0.1:<port>/token`. */
  readonly realm: string;
  /** The certificate (PEM file) of the key that signs its tokens: the registry's `rootcertbundle`. */
  readonly certificateFile: string;
  /** The requests answered so far, in order. */
  readonly requests: readonly TokenRequest[];
  stop(): Promise<void>;
}

/**
 * Starts a token service that knows one user. Right credentials get a JWT (RS256, the signing certificate in the
 * header's `x5c`, which distribution verifies against its `rootcertbundle`) granting every scope asked for; no
 * credentials get a token granting nothing, as public token services answer anonymous clients; wrong credentials get
 * a 401 with Docker Hub's `{"details": ..}` body.
 */
export async function startTokenService(user: { username: string; password: string }): Promise<TokenService> {
  const { key, certificate, certificateFile } = signingKey();
  const requests: TokenRequest[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url!, "http://127.0.0.1");
    if (request.method !== "GET" || url.pathname !== "/token") return answer(response, 404, { details: "not found" });
    const login = basicLogin(request.headers.authorization);
    const authenticated = login !== null && login.username === user.username && login.password === user.password;
    const scopes = url.searchParams.getAll("scope").flatMap((scope) => scope.split(" ")).filter((scope) => scope !== "");
    const service = url.searchParams.get("service");
    requests.push({ account: login?.username ?? null, authenticated, service, scopes });
    if (login !== null && !authenticated) return answer(response, 401, { details: "incorrect username or password" });
    const token = jwt(key, certificate, {
      iss: ISSUER,
      sub: login?.username ?? "",
      aud: service ?? "",
      ...validity(),
      jti: randomUUID(),
      access: authenticated ? scopes.map(resourceActions) : [],
    });
    answer(response, 200, { token, access_token: token, expires_in: TOKEN_SECONDS, issued_at: new Date().toISOString() });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return {
    realm: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`,
    certificateFile,
    requests,
    stop: () => new Promise((done) => server.close(() => done())),
  };
}

/** The `auth:` section of a registry config that trusts `tokens` and sends clients to `realm` (default: its own). */
export function tokenAuth(tokens: TokenService, realm = tokens.realm): string {
  return `auth:\n  token:\n    realm: ${realm}\n    service: ${SERVICE}\n    issuer: ${ISSUER}\n    rootcertbundle: ${tokens.certificateFile}\n`;
}

/** A fresh RSA key and its self-signed certificate, made by openssl in a scratch directory. */
function signingKey(): { key: KeyObject; certificate: X509Certificate; certificateFile: string } {
  const dir = scratchDir("token-service");
  const keyFile = join(dir, "key.pem");
  const certificateFile = join(dir, "certificate.pem");
  const made = spawnSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", keyFile, "-out", certificateFile,
    "-days", "1", "-subj", `/CN=${ISSUER}`], { encoding: "utf8" });
  if (made.status !== 0) throw new Error(`openssl could not make the signing key: ${made.stderr}`);
  return { key: createPrivateKey(readFileSync(keyFile)), certificate: new X509Certificate(readFileSync(certificateFile)), certificateFile };
}

/** A JWT signed RS256, carrying its certificate as the one-element `x5c` chain. */
function jwt(key: KeyObject, certificate: X509Certificate, claims: object): string {
  const header = { typ: "JWT", alg: "RS256", x5c: [certificate.raw.toString("base64")] };
  const signed = `${base64url(header)}.${base64url(claims)}`;
  return `${signed}.${sign("sha256", Buffer.from(signed), key).toString("base64url")}`;
}

/** `nbf`, `iat` and `exp` for a token valid from now on for TOKEN_SECONDS. */
function validity(): { nbf: number; iat: number; exp: number } {
  const now = Math.floor(Date.now() / 1000);
  return { nbf: now, iat: now, exp: now + TOKEN_SECONDS };
}

/** A scope, `type:name:action,action`, as the token's `access` entry; the name may hold colons (a port). */
function resourceActions(scope: string): { type: string; name: string; actions: string[] } {
  const first = scope.indexOf(":");
  const last = scope.lastIndexOf(":");
  return { type: scope.slice(0, first), name: scope.slice(first + 1, last), actions: scope.slice(last + 1).split(",") };
}

function basicLogin(header: string | undefined): { username: string; password: string } | null {
  if (!header?.startsWith("Basic ")) return null;
  const text = Buffer.from(header.slice(6), "base64").toString();
  const colon = text.indexOf(":");
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

function answer(response: ServerResponse, status: number, body: object): void {
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}
