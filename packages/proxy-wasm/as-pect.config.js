/** as-pect: specs of the pure logic (serialization, root selection, allocator ownership); no host imports. */
import { pureSpecs } from "../../as-pect.shared.js";

export default pureSpecs("test/**/*.spec.ts");
