import { malloc, RETURN_DATA, RETURN_SIZE, returnedBytes, returnedPairs, returnedU32 } from "../assembly/memory";
import { Pair, serializePairs } from "../assembly/serde/pairs";
import { Status } from "../assembly/types";

/** Does what cpp-host does to return `value`: allocates through our malloc, copies, writes the out-slots. */
function hostReturns(value: ArrayBuffer): void {
  const size = <usize>value.byteLength;
  const ptr: usize = size == 0 ? 0 : malloc(size);
  memory.copy(ptr, changetype<usize>(value), size);
  store<u32>(RETURN_DATA, <u32>ptr);
  store<u32>(RETURN_SIZE, <u32>size);
}

describe("returned values", () => {
  it("copies the host's block into a buffer", () => {
    hostReturns(String.UTF8.encode("hello"));
    const result = returnedBytes(Status.Ok);
    expect(result.ok).toBe(true);
    expect(result.text()).toBe("hello");
  });

  it("reads an empty value (no allocation) as an empty buffer", () => {
    hostReturns(new ArrayBuffer(0));
    const result = returnedBytes(Status.Ok);
    expect(result.value!.byteLength).toBe(0);
  });

  it("reads nothing when the host did not answer Ok", () => {
    hostReturns(String.UTF8.encode("stale"));
    const result = returnedBytes(Status.NotFound);
    expect(result.ok).toBe(false);
    expect<i32>(result.status).toBe(Status.NotFound);
    expect(result.value).toBeNull();
    expect(result.text()).toBeNull();
    expect(returnedU32(Status.BadArgument).value).toBe(0);
  });

  it("parses returned pairs", () => {
    hostReturns(serializePairs([Pair.of(":status", "200")]));
    const result = returnedPairs(Status.Ok);
    expect(result.ok).toBe(true);
    expect(result.value![0].keyText()).toBe(":status");
    expect(result.value![0].valueText()).toBe("200");
  });

  it("turns malformed returned pairs into a parse failure", () => {
    hostReturns(String.UTF8.encode("not pairs"));
    const result = returnedPairs(Status.Ok);
    expect<i32>(result.status).toBe(Status.ParseFailure);
    expect(result.value === null).toBe(true);
  });

  it("frees every host block: memory stays flat over many calls", () => {
    const body = new ArrayBuffer(4096);
    const pairs = serializePairs([Pair.of("content-type", "text/plain"), Pair.of("x-request-id", "abc")]);
    for (let i = 0; i < 1000; i++) {
      hostReturns(body);
      returnedBytes(Status.Ok);
      hostReturns(pairs);
      returnedPairs(Status.Ok);
    }
    __collect();
    const pages = memory.size();
    for (let i = 0; i < 20000; i++) {
      hostReturns(body);
      returnedBytes(Status.Ok);
      hostReturns(pairs);
      returnedPairs(Status.Ok);
    }
    __collect();
    expect(memory.size()).toBe(pages);
  });
});
