// The JSON config reader: `JsonValue.parse(text)`, then gjson-style `get(path)` and conversions.
export { JsonType } from "./type";
export { JsonMember, JsonParseResult, JsonValue } from "./value";
