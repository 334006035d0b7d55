import { describe, expect, it } from "vitest";
import { withWorkingNotice } from "../../../src/adapters/slack/answer.js";
import { errorReport } from "../../../src/bot/bot.js";
import { CostbotError } from "../../../src/base/errors.js";

/** A promise settled by hand: the test says when the answer arrives, not a clock. */
function gate<T>() {
  let open!: (v: T) => void;
  const promise = new Promise<T>((r) => (open = r));
  return { promise, open };
}

describe("withWorkingNotice", () => {
  it("does not post the notice when the answer is quick", async () => {
    let notices = 0;
    const r = await withWorkingNotice(Promise.resolve("card"), 60_000, async () => ++notices);
    expect(r).toEqual({ value: "card" });
    expect(notices).toBe(0);
  });

  it("posts the notice once when the answer is slow, then returns the answer", async () => {
    let notices = 0;
    const answer = gate<string>();
    // The answer arrives only once the notice has gone out.
    const r = await withWorkingNotice(answer.promise, 1, async () => (answer.open("card"), ++notices));
    expect(r).toEqual({ value: "card", noticed: 1 });
    expect(notices).toBe(1);
  });

  it("still returns the answer when the notice fails", async () => {
    const errors: unknown[] = [];
    const answer = gate<string>();
    const r = await withWorkingNotice(
      answer.promise,
      1,
      async () => {
        answer.open("card");
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
