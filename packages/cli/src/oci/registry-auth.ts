import { errorMessageOf } from "./error-body.js";

/** A user name and password for a registry. */
export interface Credentials {
  readonly username: string;
  readonly password: string;
}

/** One challenge of a `WWW-Authenticate` header: its scheme and parameters. */
export interface AuthChallenge {
  /** Lower-cased: `basic` or `bearer`. */
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

/** Parses `WWW-Authenticate`, e.g. `Bearer realm="https://auth/token",service="registry",scope="repository:a:pull"`. */
export function parseChallenge(header: string): AuthChallenge | null {
  const match = /^\s*([A-Za-z]+)\s*(.*)$/.exec(header);
  if (!match) return null;
  const params: Record<string, string> = {};
  for (const [, key, quoted, bare] of match[2]!.matchAll(/([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
    params[key!.toLowerCase()] = quoted !== undefined ? quoted.replace(/\\(.)/g, "$1") : bare!;
  }
  return { scheme: match[1]!.toLowerCase(), params };
}

/** The `Authorization` value for basic auth. */
export function basicAuthorization(credentials: Credentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}`;
}

/** Why a token service gave no token: the message (naming the realm), and whether it refused the login. */
export interface TokenFailure {
  readonly error: string;
  /** The token service answered 401 or 403: the credentials are wrong, or it wants some. */
  readonly loginRefused: boolean;
}

/**
 * Fetches a bearer token for `scope` from the challenge's realm (the distribution token protocol: `GET <realm>?service=..
 * &scope=..`), sending the credentials (if any) as basic auth. Resolves to the token (the answer's `token`, or its
 * OAuth2 twin `access_token`), or to why there is none.
 */
export async function fetchBearerToken(
  challenge: AuthChallenge, scope: string, credentials: Credentials | null,
): Promise<{ token: string } | TokenFailure> {
  const realm = challenge.params["realm"];
  if (!realm) return { error: "the registry's bearer challenge names no realm", loginRefused: false };
  let url: URL;
  try {
    url = new URL(realm);
  } catch {
    return { error: `the registry's bearer challenge names a realm that is not a URL: ${realm}`, loginRefused: false };
  }
  if (challenge.params["service"]) url.searchParams.set("service", challenge.params["service"]);
  url.searchParams.set("scope", scope);
  let response: Response;
  try {
    response = await fetch(url, credentials ? { headers: { authorization: basicAuthorization(credentials) } } : {});
  } catch (error) {
    const cause = ((error as Error).cause as Error | undefined)?.message ?? (error as Error).message;
    return { error: `cannot reach its token service ${realm}: ${cause.trim()}`, loginRefused: false };
  }
  const body = await response.text();
  if (!response.ok) {
    const reason = errorMessageOf(body);
    return {
      error: `its token service ${realm} answered ${response.status} ${response.statusText}${reason ? ` (${reason})` : ""}`,
      loginRefused: response.status === 401 || response.status === 403,
    };
  }
  const token = tokenOf(body);
  return token ? { token } : { error: `its token service ${realm} answered without a token`, loginRefused: false };
}

/** The token of a token service's answer, `{"token": ..}` or `{"access_token": ..}`, if it is one. */
function tokenOf(body: string): string | undefined {
  try {
    const { token, access_token: accessToken } = JSON.parse(body) as { token?: unknown; access_token?: unknown };
    const value = token ?? accessToken;
    return typeof value === "string" && value !== "" ? value : undefined;
  } catch {
    return undefined;
  }
}
