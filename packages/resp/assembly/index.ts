// @higress-ts/resp: a RESP2 codec for AssemblyScript — command encoder, incremental reply decoder, reply value.
export { CommandWriter } from "./command";
export { ReplyReader, ReadStatus, MAX_BULK_LENGTH, MAX_ARRAY_LENGTH, MAX_DEPTH } from "./reader";
export { RespValue, RespType } from "./value";
// Go's exact float text (ParseFloat, FormatFloat with the shortest digits): the SDK's JSON reader uses it too.
export { parseGoFloat } from "./float-parse";
export { GoFloatFormat, MAX_FIXED_FLOAT_LENGTH, MAX_FLOAT_LENGTH, writeGoFloat } from "./float-format";
