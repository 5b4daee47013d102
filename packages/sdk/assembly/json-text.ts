// Writing JSON text, as Go's `encoding/json` writes strings (the SDK writes config keys and log attributes).
import { hexDigits } from "./json/chars";

/**
 * `s` as a JSON string literal, escaped as Go's `json.Marshal` escapes it: `"` and `\`, control characters
 * (`\n`, `\r`, `\t` by name, others as `\u00XX`), and `<`, `>`, `&` as `\u003c`, `\u003e`, `\u0026`.
 */
export function quoteJsonString(s: string): string {
  return '"' + escapeJsonString(s) + '"';
}

/** The body of `quoteJsonString(s)`, without the quotes (Go wrapper `MarshalStr`). */
export function escapeJsonString(s: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let escaped: string | null = null;
    if (c == 0x22) escaped = '\\"';
    else if (c == 0x5c) escaped = "\\\\";
    else if (c == 0x0a) escaped = "\\n";
    else if (c == 0x0d) escaped = "\\r";
    else if (c == 0x09) escaped = "\\t";
    else if (c < 0x20 || c == 0x3c || c == 0x3e || c == 0x26) {
      escaped = "\\u00" + hexDigits(c, 2);
    }
    if (escaped === null) continue;
    out += s.substring(from, i) + escaped;
    from = i + 1;
  }
  return from == 0 ? s : out + s.substring(from);
}
