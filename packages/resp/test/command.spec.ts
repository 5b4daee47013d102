import { CommandWriter } from "../assembly/index";
import { bytesOf, shown } from "./helpers";

describe("CommandWriter", () => {
  it("writes the Go SDK's Set(\"k\", 1) wire form", () => {
    const command = new CommandWriter().string("set").string("k").int(1).finish();
    expect(shown(command)).toBe("*3\\r\\n$3\\r\\nset\\r\\n$1\\r\\nk\\r\\n$1\\r\\n1\\r\\n");
  });

  it("writes command names as given", () => {
    expect(shown(new CommandWriter().string("INCR").string("1700000000").finish())).toBe(
      "*2\\r\\n$4\\r\\nINCR\\r\\n$10\\r\\n1700000000\\r\\n",
    );
  });

  it("writes empty arguments as zero-length bulk strings", () => {
    const command = new CommandWriter().string("set").string("").buffer(new ArrayBuffer(0)).finish();
    expect(shown(command)).toBe("*3\\r\\n$3\\r\\nset\\r\\n$0\\r\\n\\r\\n$0\\r\\n\\r\\n");
  });

  it("counts UTF-8 bytes, not UTF-16 units", () => {
    const command = new CommandWriter().string("get").string("clé-😀").finish();
    const bytes = Uint8Array.wrap(command);
    expect(shown(command).startsWith("*2\\r\\n$3\\r\\nget\\r\\n$9\\r\\n")).toBe(true);
    expect(bytes.length).toBe(4 + 9 + 4 + 9 + 2);
    expect(String.UTF8.decodeUnsafe(bytes.dataStart + 17, 9)).toBe("clé-😀");
  });

  it("passes binary bytes through, CR, LF and NUL included", () => {
    const payload = new Uint8Array(5);
    payload[0] = 0x00;
    payload[1] = 0x0d;
    payload[2] = 0x0a;
    payload[3] = 0xff;
    payload[4] = 0x24;
    const command = new CommandWriter().string("set").string("k").bytes(payload).finish();
    expect(shown(command)).toBe("*3\\r\\n$3\\r\\nset\\r\\n$1\\r\\nk\\r\\n$5\\r\\n\\x00\\r\\n\\xff$\\r\\n");
  });

  it("writes a view of part of a buffer, not the whole buffer", () => {
    const whole = bytesOf("xxhelloxx");
    const part = Uint8Array.wrap(whole.buffer, 2, 5);
    expect(shown(new CommandWriter().bytes(part).finish())).toBe("*1\\r\\n$5\\r\\nhello\\r\\n");
  });

  it("writes integers as Go's fmt.Sprint", () => {
    const command = new CommandWriter().int(0).int(-7).int(i64.MAX_VALUE).int(i64.MIN_VALUE).finish();
    expect(shown(command)).toBe(
      "*4\\r\\n$1\\r\\n0\\r\\n$2\\r\\n-7\\r\\n$19\\r\\n9223372036854775807\\r\\n$20\\r\\n-9223372036854775808\\r\\n",
    );
  });

  it("writes floats as Go's fmt.Sprint (%v)", () => {
    const values: f64[] = [1.5, 0.1, 100, 123456, 1234567, 1e6, 0.0001, 0.00001, 1.5e-7, -2.5, 0, -0.0,
      1e21, 1e100, 5e-324, 1.7976931348623157e308, 0.30000000000000004, 1.0 / 3.0, Infinity, -Infinity, NaN];
    const expected = ["1.5", "0.1", "100", "123456", "1.234567e+06", "1e+06", "0.0001", "1e-05", "1.5e-07", "-2.5",
      "0", "-0", "1e+21", "1e+100", "5e-324", "1.7976931348623157e+308", "0.30000000000000004",
      "0.3333333333333333", "+Inf", "-Inf", "NaN"];
    for (let i = 0; i < values.length; i++) {
      const wire = "*1\\r\\n$" + expected[i].length.toString() + "\\r\\n" + expected[i] + "\\r\\n";
      expect(shown(new CommandWriter().float(values[i]).finish())).toBe(wire);
    }
  });

  it("writes the shortest digits that read back, the closest when two lengths tie", () => {
    // 179.020904541015625 is exact in binary; both ...562 and ...563 read back, Go picks the even one.
    expect(shown(new CommandWriter().float(179.020904541015625).finish())).toBe(
      "*1\\r\\n$18\\r\\n179.02090454101562\\r\\n",
    );
  });

  it("is empty after finish() and can be reused, growing past its capacity", () => {
    const writer = new CommandWriter(16);
    writer.string("get").string("a").finish();
    let long = "";
    for (let i = 0; i < 100; i++) long += "0123456789";
    const command = writer.string("set").string(long).finish();
    expect(command.byteLength).toBe(4 + 9 + 7 + 1000 + 2);
    expect(shown(command).slice(0, 28)).toBe("*2\\r\\n$3\\r\\nset\\r\\n$1000\\r\\n");
  });

  it("writes *0 for a command without arguments", () => {
    expect(shown(new CommandWriter().finish())).toBe("*0\\r\\n");
  });
});
