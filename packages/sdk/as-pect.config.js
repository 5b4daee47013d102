/** as-pect: specs of the SDK's pure logic (JSON reader, rule matching); they need no host imports. */
import { pureSpecs } from "../../as-pect.shared.js";

export default pureSpecs("assembly/__tests__/**/*.spec.ts");
