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

/**
 * Fetches a bearer token for `scope` from the challenge's realm (the distribution token protocol), sending the
 * credentials (if any) as basic auth. Resolves to the token, or to an error message.
 */
export async function fetchBearerToken(
  challenge: AuthChallenge, scope: string, credentials: Credentials | null,
): Promise<{ token: string } | { error: string }> {
  const realm = challenge.params["realm"];
  if (!realm) return { error: "the registry's bearer challenge names no realm" };
  const url = new URL(realm);
  if (challenge.params["service"]) url.searchParams.set("service", challenge.params["service"]);
  url.searchParams.set("scope", scope);
  const response = await fetch(url, credentials ? { headers: { authorization: basicAuthorization(credentials) } } : {});
  if (!response.ok) return { error: `the token service ${url.origin}${url.pathname} answered ${response.status} ${response.statusText}` };
  const body = await response.json() as { token?: string; access_token?: string };
  const token = body.token ?? body.access_token;
  return token ? { token } : { error: `the token service ${url.origin}${url.pathname} sent no token` };
}
