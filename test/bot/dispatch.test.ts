// One dispatch and one error edge: a message whose first word names a registered command is that
// command's (nothing else is tried); whatever the asker can act on (a CostbotError from a command or
// a cost source) comes back from `answer` as an error report; only a bug rejects.
import { describe, expect, it } from "vitest";
import { CostbotError } from "../../src/base/errors.js";
import { type ChatCommand, createBot, defineCommand } from "../../src/bot/bot.js";
import type { CostSource } from "../../src/cost/types.js";
import { createDemoCostSource } from "../../src/cost/sources/demo.js";

const now = new Date("2026-11-29T15:00:00Z");
const demo = createDemoCostSource({ clock: () => now });
const echo = (title: string, heads: string[], extra: { helpTopic?: boolean } = {}): ChatCommand =>
  defineCommand({
    heads,
    parse: (words) => words,
    run: (words) => ({ kind: "notice", tone: "info", title, lines: [words.join(" ")] }),
    ...extra,
  });

describe("one dispatch", () => {
  it("hands a message to the command its first word names, words and all", async () => {
    const bot = createBot({ costSource: demo, clock: () => now, commands: [echo("tally", ["tally", "count"])] });
    expect(await bot.answer("Count last month by model")).toEqual({
      kind: "notice",
      tone: "info",
      title: "tally",
      lines: ["count last month by model"],
    });
    // Not first: the words are a cost question as usual.
    expect(await bot.answer("last month count")).toMatchObject({ kind: "error", message: expect.stringMatching(/count/) });
    expect(await bot.answer("last month")).toMatchObject({ kind: "spend", range: { from: "2026-10-01", to: "2026-10-31" } });
  });

  it("answers `help <word>` only for commands that are help topics", async () => {
    const bot = createBot({
      costSource: demo,
      clock: () => now,
      commands: [echo("topic", ["topic"], { helpTopic: true }), echo("plain", ["plain"])],
    });
    expect(await bot.answer("help topic")).toMatchObject({ kind: "notice", title: "topic", lines: ["topic"] });
    expect(await bot.answer("help plain")).toMatchObject({ kind: "help" });
  });

  it("answers a command's unreadable words as any unreadable question, without running it", async () => {
    let runs = 0;
    const strict = defineCommand({
      heads: ["strict"],
      parse: (words) =>
        words.length === 1
          ? { kind: "bare" as const }
          : { kind: "invalid" as const, message: `"${words[1]}" is one word too many.`, hint: "Try: strict" },
      run: (parsed) => (runs++, { kind: "notice", tone: "info", title: parsed.kind, lines: [] }),
    });
    const bot = createBot({ costSource: demo, clock: () => now, commands: [strict] });
    expect(await bot.answer("strict more")).toEqual({ kind: "error", message: '"more" is one word too many.', hint: "Try: strict" });
    expect(runs).toBe(0);
    expect(await bot.answer("strict")).toMatchObject({ kind: "notice", title: "bare" });
    // An intent parsed elsewhere takes the same dispatch.
    expect(await bot.handle({ kind: "command", head: "strict", command: { kind: "bare" } })).toMatchObject({ title: "bare" });
    expect(runs).toBe(2);
  });

  it("lets a later command take over a word an earlier one named", async () => {
    const bot = createBot({ costSource: demo, clock: () => now, commands: [echo("first", ["a", "b"]), echo("second", ["b"])] });
    expect(await bot.answer("a")).toMatchObject({ title: "first" });
    expect(await bot.answer("b")).toMatchObject({ title: "second" });
  });
});

describe("one error edge", () => {
  const refusing = defineCommand({
    heads: ["refuse"],
    parse: () => ({}),
    run: () => {
      throw new CostbotError("Azure refused the query (403).", "FORBIDDEN", { hint: "Grant Cost Management Reader." });
    },
  });
  const buggy = defineCommand({
    heads: ["bug"],
    parse: () => ({}),
    run: () => {
      throw new TypeError("x is undefined");
    },
  });

  it("turns a command's CostbotError into an error report, with its hint", async () => {
    const bot = createBot({ costSource: demo, clock: () => now, commands: [refusing, buggy] });
    expect(await bot.answer("refuse")).toEqual({ kind: "error", message: "Azure refused the query (403).", hint: "Grant Cost Management Reader." });
    await expect(bot.answer("bug")).rejects.toThrow(TypeError);
  });

  it("turns a cost source's CostbotError into an error report, and asks again next time", async () => {
    let calls = 0;
    const source: CostSource = {
      name: "refusing",
      query: async () => {
        calls++;
        throw new CostbotError("Azure Cost Management is throttling the cost query (429).", "THROTTLED");
      },
    };
    const bot = createBot({ costSource: source, clock: () => now });
    expect(await bot.answer("this week")).toEqual({ kind: "error", message: "Azure Cost Management is throttling the cost query (429)." });
    expect(await bot.answer("this week")).toEqual({ kind: "error", message: "Azure Cost Management is throttling the cost query (429)." });
    expect(calls).toBe(2);
  });
});
