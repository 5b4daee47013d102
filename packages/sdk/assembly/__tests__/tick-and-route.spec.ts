// Tick functions (Go RegisterTickFunc semantics) and the status a route call reports.
import { Pair } from "@higress-ts/proxy-wasm/assembly";
import { routeCallStatus } from "../route-call";
import { registerTickFunc, takeTickFuncs } from "../tick";

let runs = 0;
function countRun(): void {
  runs++;
}

describe("registerTickFunc", () => {
  it("accepts positive multiples of 100 ms and hands them over once", () => {
    takeTickFuncs();
    expect(registerTickFunc(100, countRun) == null).toBe(true);
    expect(registerTickFunc(1000, countRun) == null).toBe(true);
    const ticks = takeTickFuncs();
    expect(takeTickFuncs() === null).toBe(true);
    runs = 0;
    ticks!.run(1_000_000);
    expect(runs).toBe(2);
  });

  it("refuses other periods with a reason", () => {
    expect(registerTickFunc(150, countRun)!).toBe("tick period must be a positive multiple of 100 ms, got 150");
    expect(registerTickFunc(0, countRun) != null).toBe(true);
    expect(registerTickFunc(-100, countRun) != null).toBe(true);
    expect(takeTickFuncs() === null).toBe(true);
  });
});

describe("TickFuncs.run", () => {
  it("runs everything on the first tick, then each function when its period has passed", () => {
    registerTickFunc(200, countRun);
    const ticks = takeTickFuncs()!;
    runs = 0;
    ticks.run(1_000_000);
    expect(runs).toBe(1);
    ticks.run(1_000_100);
    expect(runs).toBe(1);
    ticks.run(1_000_200);
    expect(runs).toBe(2);
  });
});

describe("routeCallStatus", () => {
  it("reads :status, and gives 500 when it is missing or not a number", () => {
    expect(routeCallStatus([Pair.of(":status", "201"), Pair.of("x", "y")])).toBe(201);
    expect(routeCallStatus([Pair.of("x", "y")])).toBe(500);
    expect(routeCallStatus([Pair.of(":status", "abc")])).toBe(500);
    expect(routeCallStatus([Pair.of(":status", "201abc")])).toBe(500);
    expect(routeCallStatus([Pair.of(":status", "502")])).toBe(502);
  });
});
