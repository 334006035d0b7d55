import { describe, expect, it } from "vitest";
import { createAnswerCache } from "../../../src/adapters/slack/answer-cache.js";
import { errorReport, withWorkingNotice } from "../../../src/adapters/slack/answer.js";
import { CostbotError } from "../../../src/base/errors.js";

const settleAfter = <T>(ms: number, v: T) => new Promise<T>((r) => setTimeout(() => r(v), ms));

describe("withWorkingNotice", () => {
  it("does not post the notice when the answer is quick", async () => {
    let notices = 0;
    const r = await withWorkingNotice(settleAfter(5, "card"), 200, async () => ++notices);
    expect(r).toEqual({ value: "card" });
    expect(notices).toBe(0);
  });

  it("posts the notice once when the answer is slow, then returns the answer", async () => {
    let notices = 0;
    const r = await withWorkingNotice(settleAfter(120, "card"), 20, async () => ++notices);
    expect(r).toEqual({ value: "card", noticed: 1 });
    expect(notices).toBe(1);
  });

  it("still returns the answer when the notice fails", async () => {
    const errors: unknown[] = [];
    const r = await withWorkingNotice(
      settleAfter(60, "card"),
      10,
      async () => {
        throw new Error("response_url expired");
      },
      (e) => errors.push(e),
    );
    expect(r).toEqual({ value: "card", noticed: undefined });
    expect(errors).toHaveLength(1);
  });
});

describe("errorReport", () => {
  it("shows a CostbotError's own message and hint", () => {
    const err = new CostbotError("Azure refused the query (403)", "FORBIDDEN", { hint: "Grant Cost Management Reader." });
    expect(errorReport(err)).toEqual({ kind: "error", message: "Azure refused the query (403)", hint: "Grant Cost Management Reader." });
  });

  it("hides the details of an unexpected error", () => {
    const r = errorReport(new TypeError("cannot read properties of undefined (secret-ish internals)"));
    expect(r.kind).toBe("error");
    expect(JSON.stringify(r)).not.toContain("secret-ish");
  });
});

describe("createAnswerCache", () => {
  const counting = () => {
    let calls = 0;
    const compute = (value: string, cacheable = true) => async () => {
      calls++;
      await settleAfter(5, null);
      return { value, cacheable };
    };
    return { compute, calls: () => calls };
  };

  it("computes once for concurrent and repeated asks within the TTL", async () => {
    let now = 0;
    const cache = createAnswerCache<string>(1000, 10, () => now);
    const c = counting();
    const all = await Promise.all([cache.get("k", c.compute("a")), cache.get("k", c.compute("b"))]);
    expect(all).toEqual(["a", "a"]);
    now = 999;
    expect(await cache.get("k", c.compute("c"))).toBe("a");
    expect(c.calls()).toBe(1);
    now = 1000;
    expect(await cache.get("k", c.compute("d"))).toBe("d");
    expect(c.calls()).toBe(2);
  });

  it("does not remember failures", async () => {
    const cache = createAnswerCache<string>(60_000, 10, () => 0);
    const c = counting();
    expect(await cache.get("k", c.compute("error card", false))).toBe("error card");
    expect(await cache.get("k", c.compute("card"))).toBe("card");
    expect(c.calls()).toBe(2);
  });

  it("keeps at most maxEntries, dropping the oldest", async () => {
    const cache = createAnswerCache<string>(60_000, 2, () => 0);
    const c = counting();
    for (const k of ["a", "b", "c"]) await cache.get(k, c.compute(k));
    expect(cache.size).toBe(2);
    expect(await cache.get("a", c.compute("a2"))).toBe("a2");
  });
});
