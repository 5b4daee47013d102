// The `_plugin_id_` key Higress adds to a plugin's config: the SDK logs it in every line and hides it from the
// config parsers (Go deletes it with sjson before parsing).
import { JsonValue } from "./json";
import { quoteJsonString } from "./json-text";

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
    text += quoteJsonString(name) + ":" + members.get(name).raw();
  }
  return JsonValue.parse(text + "}").value;
}
