// @higress-ts/resp: a RESP2 codec for AssemblyScript — command encoder, incremental reply decoder, reply value.
export { CommandWriter } from "./command";
export { ReplyReader, ReadStatus, MAX_BULK_LENGTH, MAX_ARRAY_LENGTH, MAX_DEPTH } from "./reader";
export { RespValue, RespType } from "./value";
