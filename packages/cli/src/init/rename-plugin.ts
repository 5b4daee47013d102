import type { PluginFile } from "./copy-plugin.js";

/**
 * Renames a plugin in its files: every whole-word occurrence of the old name (`hello-world`, also inside
 * `plugin-hello-world` or `"hello-world"`, not inside `hello-worlds`) becomes the new name, in every text file.
 * That covers the package name, the name the plugin registers with the SDK, the README and the manifests.
 * Binary files are left alone.
 */
export function renamePlugin(files: readonly PluginFile[], from: string, to: string): PluginFile[] {
  const word = new RegExp(`(?<![A-Za-z0-9_])${from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![A-Za-z0-9_])`, "g");
  return files.map((file) => {
    if (file.bytes.includes(0)) return file;
    const text = file.bytes.toString("utf8");
    return text.includes(from) ? { path: file.path, bytes: Buffer.from(text.replace(word, to)) } : file;
  });
}
