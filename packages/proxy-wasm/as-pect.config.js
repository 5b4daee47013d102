/** as-pect: specs of the pure logic (serialization, root selection, allocator ownership); no host imports. */
export default {
  entries: ["test/**/*.spec.ts"],
  include: [],
  disclude: [/node_modules/],
  async instantiate(memory, createImports, instantiate, binary) {
    return instantiate(binary, createImports({ env: { memory } }));
  },
  outputBinary: false,
};
