/** as-pect: the specs in test/ exercise the codec directly; it imports nothing from a host. */
import { pureSpecs } from "../../as-pect.shared.js";

export default pureSpecs("test/**/*.spec.ts");
