import { BACKSLASH, DOT } from "./chars";

/**
 * The keys of a gjson dot path: `a.b.0.c` → `a`, `b`, `0`, `c`; a backslash makes the next character literal,
 * so `a\.b` is the single key `a.b`. gjson's wildcards, `#` queries, `|` and `@` modifiers are not interpreted.
 */
export function splitPath(path: string): string[] {
  const keys = new Array<string>();
  let key = "";
  let from = 0;
  let i = 0;
  while (i < path.length) {
    const c = path.charCodeAt(i);
    if (c == BACKSLASH) {
      key += path.substring(from, i);
      from = i + 1;
      i += 2;
    } else if (c == DOT) {
      keys.push(key + path.substring(from, i));
      key = "";
      from = ++i;
    } else {
      i++;
    }
  }
  keys.push(key + path.substring(from));
  return keys;
}
