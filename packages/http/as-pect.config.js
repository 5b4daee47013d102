/** as-pect: the pure specs in test/ (the client against a real host is test/client.test.js, under node:test). */
import { pureSpecs } from "../../as-pect.shared.js";

export default pureSpecs("test/**/*.spec.ts");
