import { describe, expect, it } from "vitest";
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
