// The `_plugin_id_` key Higress adds to a plugin's config: the SDK logs it in every line and hides it from the
// config parsers (Go deletes it with sjson before parsing; here `JsonValue.without`).

/** The config key that carries the plugin id (Go `PluginIDKey`). */
// @ts-ignore: decorator
@lazy export const PLUGIN_ID_KEY = "_plugin_id_";
