import { describe, expect, it } from "vitest";
import { createDedupe, deliveryKey } from "../../../src/adapters/slack/dedupe.js";

describe("createDedupe", () => {
  it("answers true once per key within the TTL, and again after it", async () => {
    let now = 0;
    const d = createDedupe(1000, () => now);
    expect(await d.firstTime("a")).toBe(true);
    expect(await d.firstTime("a")).toBe(false);
    expect(await d.firstTime("b")).toBe(true);
    now = 999;
    expect(await d.firstTime("a")).toBe(false);
    now = 1000;
    expect(await d.firstTime("a")).toBe(true);
  });

  it("drops expired keys so memory stays bounded", async () => {
    let now = 0;
    const d = createDedupe(100, () => now);
    for (let i = 0; i < 50; i++) await d.firstTime(`k${i}`);
    now = 200;
    await d.firstTime("fresh");
    expect(d.size).toBe(1);
  });

  it("keeps at most maxKeys, forgetting the oldest first", async () => {
    const d = createDedupe(60_000, () => 0, 3);
    for (const k of ["a", "b", "c", "d"]) await d.firstTime(k);
    expect(await d.firstTime("d")).toBe(false);
    expect(await d.firstTime("a")).toBe(true);
  });
});

describe("deliveryKey", () => {
  const cases: Array<[string, Record<string, unknown>, string | undefined]> = [
    ["an Events API delivery by its event id", { event_id: "Ev1", event: {} }, "event:Ev1"],
    ["a slash command by its trigger id", { command: "/cost", trigger_id: "123.456" }, "trigger:123.456"],
    ["a button press by its trigger id", { type: "block_actions", trigger_id: "9.9" }, "trigger:9.9"],
    ["nothing without either", { type: "view_closed" }, undefined],
  ];
  it.each(cases)("identifies %s", (_n, body, key) => {
    expect(deliveryKey(body)).toBe(key);
  });
});
