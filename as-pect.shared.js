/**
 * The as-pect configuration every AssemblyScript package shares: specs of pure logic, compiled with as-pect's own
 * imports and nothing from a proxy-wasm host (compiled modules are tested through @higress-ts/host instead).
 * @param {string} entries the spec files, as a glob relative to the package
 */
export function pureSpecs(entries) {
  return {
    entries: [entries],
    include: [],
    disclude: [/node_modules/],
    async instantiate(memory, createImports, instantiate, binary) {
      return instantiate(binary, createImports({ env: { memory } }));
    },
    outputBinary: false,
  };
}
