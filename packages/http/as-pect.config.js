/** as-pect: the specs in test/ run against the pure parts of the package; no host imports are needed. */
export default {
  entries: ["test/**/*.spec.ts"],
  include: [],
  disclude: [/node_modules/],
  async instantiate(memory, createImports, instantiate, binary) {
    return instantiate(binary, createImports({ env: { memory } }));
  },
  outputBinary: false,
};
