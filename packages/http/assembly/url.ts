/**
 * The URL of an http call, split the way Go's `net/url.Parse` splits it for Higress's `HttpCall`: an absolute
 * URL (`http://host:port/path?query`) or a path alone (`/path?query`); the fragment is dropped.
 */

/** The parts of an http call's URL that become `:authority` and `:path`. */
export class RequestUrl {
  /** The authority named by the URL (`host[:port]`, user info removed); "" for a path-only URL. */
  host: string = "";
  /** The path as written, escapes kept; "" when the URL has none. */
  path: string = "";
  /** The raw query, without `?`; "" when absent. */
  query: string = "";
  /** Why the URL was rejected; null when it parsed. */
  error: string | null = null;

  /** The `:path` of the call: the path with exactly one leading `/`, then `?query` when there is one. */
  requestPath(): string {
    const path = this.path.startsWith("/") ? this.path : "/" + this.path;
    return this.query.length > 0 ? path + "?" + this.query : path;
  }
}

/**
 * Splits `raw` into authority, path and query, rejecting what Go's `url.Parse` rejects: control characters,
 * bad `%` escapes, a missing scheme before `:`, a colon in a scheme-less first segment, an IPv6 host without
 * `]` and a non-numeric port. Unlike Go's `HttpCall`, the path keeps its escapes (`%2F` stays `%2F`), as
 * Go's `RouteCall` does, so `:path` is exactly what the caller wrote.
 */
export function parseRequestUrl(raw: string): RequestUrl {
  const url = new RequestUrl();
  const reason = split(raw, url);
  if (reason !== null) url.error = "invalid URL " + quote(raw) + ": " + reason;
  return url;
}

/** Fills `url` from `raw`; returns why `raw` is not a URL, or null. */
function split(raw: string, url: RequestUrl): string | null {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x20 || c == 0x7f) return "invalid control character in URL";
  }
  let rest = raw;
  const hash = rest.indexOf("#");
  if (hash >= 0) {
    const bad = badEscape(rest.substring(hash + 1));
    if (bad !== null) return bad;
    rest = rest.substring(0, hash);
  }

  const colon = schemeEnd(rest);
  if (colon == 0) return "missing protocol scheme";
  const hasScheme = colon > 0;
  if (hasScheme) rest = rest.substring(colon + 1);

  const question = rest.indexOf("?");
  if (question >= 0) {
    url.query = rest.substring(question + 1);
    rest = rest.substring(0, question);
  }

  if (!rest.startsWith("/")) {
    // "scheme:opaque" has no path; a scheme-less path may not look like one.
    if (hasScheme) return null;
    const slash = rest.indexOf("/");
    const firstSegment = slash < 0 ? rest : rest.substring(0, slash);
    if (firstSegment.includes(":")) return "first path segment in URL cannot contain colon";
  }

  if (rest.startsWith("//") && (hasScheme || !rest.startsWith("///"))) {
    rest = rest.substring(2);
    const slash = rest.indexOf("/");
    const authority = slash < 0 ? rest : rest.substring(0, slash);
    rest = slash < 0 ? "" : rest.substring(slash);
    const at = authority.lastIndexOf("@");
    const host = at < 0 ? authority : authority.substring(at + 1);
    const bad = badHost(host);
    if (bad !== null) return bad;
    url.host = host;
  }

  const bad = badEscape(rest);
  if (bad !== null) return bad;
  url.path = rest;
  return null;
}

/**
 * The index of the `:` that ends a URL scheme (`[A-Za-z][A-Za-z0-9+.-]*:`), 0 for a leading `:` (an error),
 * or -1 when `s` has no scheme.
 */
function schemeEnd(s: string): i32 {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isLetter(c)) continue;
    if (isDigit(c) || c == 0x2b /* + */ || c == 0x2d /* - */ || c == 0x2e /* . */) {
      if (i == 0) return -1;
      continue;
    }
    return c == 0x3a /* : */ ? i : -1;
  }
  return -1;
}

/** Why `host` (`name[:port]` or `[v6][:port]`) is invalid, or null. */
function badHost(host: string): string | null {
  let port = "";
  if (host.startsWith("[")) {
    const close = host.indexOf("]");
    if (close < 0) return "missing ']' in host";
    port = host.substring(close + 1);
  } else {
    const colon = host.lastIndexOf(":");
    if (colon >= 0) port = host.substring(colon);
  }
  if (port.length == 0) return null;
  if (!port.startsWith(":")) return "invalid port " + quote(port) + " after host";
  for (let i = 1; i < port.length; i++) {
    if (!isDigit(port.charCodeAt(i))) return "invalid port " + quote(port) + " after host";
  }
  return null;
}

/** Why `s` has a malformed `%` escape (`invalid URL escape "%zz"`), or null. */
function badEscape(s: string): string | null {
  for (let i = s.indexOf("%"); i >= 0; i = s.indexOf("%", i + 1)) {
    if (i + 2 >= s.length || !isHex(s.charCodeAt(i + 1)) || !isHex(s.charCodeAt(i + 2))) {
      return "invalid URL escape " + quote(s.substring(i, min(i + 3, s.length)));
    }
  }
  return null;
}

function quote(s: string): string {
  return '"' + s + '"';
}

function isLetter(c: i32): bool {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isDigit(c: i32): bool {
  return c >= 0x30 && c <= 0x39;
}

function isHex(c: i32): bool {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}
