// The `_plugin_id_` key Higress adds to a plugin's config: the SDK logs it in every line and hides it from the
// config parsers (Go deletes it with sjson before parsing).
import { JsonValue } from "./json";

/** The config key that carries the plugin id (Go `PluginIDKey`). */
export const PLUGIN_ID_KEY = "_plugin_id_";

/** `config` without its top-level `key`: the object rebuilt from the other members' raw JSON, in source order. */
export function withoutKey(config: JsonValue, key: string): JsonValue {
  const members = config.map();
  const keys = members.keys();
  let text = "{";
  for (let i = 0; i < keys.length; i++) {
    const name = keys[i];
    if (name == key) continue;
    if (text.length > 1) text += ",";
    text += quote(name) + ":" + members.get(name).raw();
  }
  return JsonValue.parse(text + "}").value;
}

/** `s` as a JSON string literal. */
function quote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c == 0x22 || c == 0x5c) out += "\\" + String.fromCharCode(c);
    else if (c < 0x20) out += "\\u00" + (c < 0x10 ? "0" : "") + c.toString(16);
    else out += String.fromCharCode(c);
  }
  return out + '"';
}
