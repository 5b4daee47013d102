/** as-pect: the pure specs in test/ (the client against a real host is test/client.test.js, under node:test). */
export default {
  entries: ["test/**/*.spec.ts"],
  include: [],
  disclude: [/node_modules/],
  async instantiate(memory, createImports, instantiate, binary) {
    return instantiate(binary, createImports({ env: { memory } }));
  },
  outputBinary: false,
};
