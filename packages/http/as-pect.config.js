import { createMockHost } from "./test/mock-host.js";

/** as-pect: the specs in test/; the client specs run against a scripted host (test/mock-host.js). */
export default {
  entries: ["test/**/*.spec.ts"],
  include: [],
  disclude: [/node_modules/],
  async instantiate(memory, createImports, instantiate, binary) {
    const host = createMockHost();
    const module = await instantiate(binary, createImports({ env: { memory, ...host.imports.env }, mock: host.imports.mock }));
    host.attach(module.exports);
    return module;
  },
  outputBinary: false,
};
