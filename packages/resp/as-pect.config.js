/** as-pect: the specs in test/ exercise the codec directly; it imports nothing from a host. */
export default {
  entries: ["test/**/*.spec.ts"],
  include: [],
  disclude: [/node_modules/],
  async instantiate(memory, createImports, instantiate, binary) {
    return instantiate(binary, createImports({ env: { memory } }));
  },
  outputBinary: false,
};
