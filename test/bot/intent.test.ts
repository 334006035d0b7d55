import { describe, expect, it } from "vitest";
import { helpReport, QUESTION_TITLES } from "../../src/bot/help.js";
import { parseIntent } from "../../src/bot/intent.js";

const ctx = { now: new Date("2025-11-27T10:00:00Z"), tz: "UTC" };
const THIS_MONTH = { from: "2025-11-01", to: "2025-11-27", label: "This month" };
const parse = (text: string) => parseIntent(text, ctx);

describe("parseIntent defaults", () => {
  it("reads a question with no words that matter as this month by model, actual cost", () => {
    expect(parse("show me what we spent")).toEqual({
      kind: "spend",
      range: THIS_MONTH,
      defaultRange: true,
      groupBy: "model",
      compare: false,
      costType: "actual",
      previous: { from: "2025-10-01", to: "2025-10-27", label: "Same days of the month before" },
    });
  });

  it("takes the cost type from the caller unless the words say otherwise", () => {
    expect(parseIntent("this week", ctx, { costType: "amortized" })).toMatchObject({ costType: "amortized" });
    expect(parseIntent("this week actual", ctx, { costType: "amortized" })).toMatchObject({ costType: "actual" });
    expect(parse("amortised last month")).toMatchObject({ costType: "amortized" });
  });
});

describe("grouping words", () => {
  it.each([
    ["by model", "model"],
    ["by channel", "channel"],
    ["by meter", "meter"],
    ["by resource", "resource"],
    ["by resource group", "resource-group"],
    ["by resource groups", "resource-group"],
    ["by rg", "resource-group"],
    ["by day", "day"],
    ["daily", "day"],
    ["per day", "day"],
    ["last month grouped by channel", "channel"],
    ["BY METER this week", "meter"],
  ])("%j groups by %s", (text, groupBy) => {
    expect(parse(text)).toMatchObject({ kind: "spend", groupBy });
  });
});

describe("filters", () => {
  it.each([
    ["gpt-4o yesterday", { model: "gpt-4o" }],
    ["GPT-4o-mini", { model: "gpt-4o-mini" }],
    ["deepseek-r1 this week", { model: "deepseek-r1" }],
    ["mistral-large-2411", { model: "mistral-large-2411" }],
    ["o3-mini", { model: "o3-mini" }],
    ["o1", { model: "o1" }],
    ["phi-4 by day", { model: "phi-4" }],
    ["llama-3.3-70b-instruct", { model: "llama-3.3-70b-instruct" }],
    ["text-embedding-3-large", { model: "text-embedding-3-large" }],
    ["cohere", { model: "cohere" }],
    ["marketplace last month", { channel: "marketplace" }],
    ["Microsoft", { channel: "microsoft" }],
    ["gpt-4o microsoft by day", { model: "gpt-4o", channel: "microsoft", groupBy: "day" }],
  ])("%j filters to %j", (text, filter) => {
    expect(parse(text)).toMatchObject({ kind: "spend", ...filter });
  });

  it("leaves filters out when none is asked for", () => {
    const intent = parse("last week");
    expect(intent).not.toHaveProperty("model");
    expect(intent).not.toHaveProperty("channel");
  });
});

describe("compare and top", () => {
  it.each([
    ["this week vs last week", { from: "2025-11-24", to: "2025-11-27", label: "This week" }],
    ["vs last week", { from: "2025-11-24", to: "2025-11-27", label: "This week" }],
    ["vs. last month", THIS_MONTH],
    ["today versus yesterday", { from: "2025-11-27", to: "2025-11-27", label: "Today" }],
    ["vs yesterday", { from: "2025-11-27", to: "2025-11-27", label: "Today" }],
    ["compare", THIS_MONTH],
    ["last 7 days vs previous", { from: "2025-11-21", to: "2025-11-27", label: "Last 7 days" }],
    ["last 7 days compared to the previous period", { from: "2025-11-21", to: "2025-11-27", label: "Last 7 days" }],
    ["compare last month", { from: "2025-10-01", to: "2025-10-31", label: "Last month" }],
    ["last month compare", { from: "2025-10-01", to: "2025-10-31", label: "Last month" }],
    ["compared with last week", { from: "2025-11-24", to: "2025-11-27", label: "This week" }],
  ])("%j compares %j with the period before", (text, range) => {
    expect(parse(text)).toMatchObject({ kind: "spend", compare: true, range });
  });

  it.each([
    ["top 5", 5],
    ["top5 last week", 5],
    ["Top 10 models by resource", 10],
  ])("%j shows the top %i", (text, top) => {
    expect(parse(text)).toMatchObject({ kind: "spend", top });
  });
});

describe("help", () => {
  it.each(["help", "?", "", "   ", "/cost", "/cost help", "@costbot", "<@U0123ABC>", "<at>costbot</at> help", "HELP!"])(
    "%j asks for help",
    (text) => {
      expect(parse(text)).toEqual({ kind: "help" });
    },
  );

  it("lists question examples that parse to a spend question", () => {
    const report = helpReport();
    const examples = report.sections.filter((s) => QUESTION_TITLES.includes(s.title)).flatMap((s) => s.examples);
    expect(examples.length).toBeGreaterThan(15);
    for (const example of examples) expect(parse(example), example).toMatchObject({ kind: "spend" });
  });
});

describe("chat text around the words", () => {
  it.each([
    ["/cost last month by channel", "Last month", "channel"],
    ["<@U123ABC> last month by channel?", "Last month", "channel"],
    ["<@U123ABC|costbot> last month by channel", "Last month", "channel"],
    ["<at>costbot</at> last month by channel.", "Last month", "channel"],
    ["@costbot   Last Month,  by   channel!", "Last month", "channel"],
    ["how much did we spend on ai last month by channel?", "Last month", "channel"],
    ["what's the cost for the last month by channel", "Last month", "channel"],
    ["last\u00a0month by channel", "Last month", "channel"],
  ])("%j reads as %s by %s", (text, label, groupBy) => {
    expect(parse(text)).toMatchObject({ kind: "spend", range: { label }, groupBy });
  });
});

describe("words we do not guess at", () => {
  it.each([
    ["fortnight", "fortnight", /I don't know "fortnight"\. Try: this week/],
    ["last month public", "public", /don't know "public"/],
    ["by week", "week", /can't group by "week"/],
    ["by", "by", /can't group by "by"/],
    ["top", "top", /top needs a number/],
    ["top 0", "0", /top needs a number/],
    ["top 1000", "1000", /top needs a number/],
    ["top many", "many", /top needs a number/],
    ["gpt-4o gpt-4o-mini", "gpt-4o-mini", /second model/],
    ["marketplace microsoft", "microsoft", /second billing channel/],
    ["by model by channel", "by channel", /second grouping/],
    ["actual amortized", "amortized", /second cost type/],
    ["this week last week", "last week", /second date range/],
    ["vs", "vs", /Name a period/],
    ["vs fortnight", "fortnight", /can't compare with "fortnight"/],
    ["nov 5 2025 to nov 1", "nov 1", /runs backwards: 1 Nov 2025 is before 5 Nov 2025/],
    ["this week vs last week vs last month", "vs last month", /second comparison/],
    ["last 5 fortnights", "fortnights", /don't know "last 5 fortnights"/],
    ["spend 42", "42", /don't know "42"/],
  ])("%j is refused, naming %j", (text, word, why) => {
    const intent = parse(text);
    expect(intent).toMatchObject({ kind: "invalid", word });
    if (intent.kind !== "invalid") return;
    expect(intent.message).toContain(word);
    expect(intent.message).toMatch(why);
  });

  it.each(["constructor", "by constructor", "__proto__", "last 2 constructor", "this toString", "vs last hasOwnProperty"])(
    "%j is an unknown word, not a property of some object",
    (text) => {
      const intent = parse(text);
      expect(intent.kind).toBe("invalid");
      if (intent.kind === "invalid") expect(text.toLowerCase()).toContain(intent.word);
    },
  );

  it("never throws on odd text", () => {
    const odd = [
      "..",
      "-",
      "– –",
      "to",
      "from",
      "between and",
      "q5",
      "2025-00",
      "0000-01-01",
      "last -1 days",
      "top -3",
      "9999999999999999999d",
      "<@",
      "<at>",
      "\u0000",
      "nov 99",
      "99 nov",
      "/",
      "vs the",
    ];
    for (const text of odd) expect(() => parse(text), text).not.toThrow();
  });

  it("repeating the same word is not a conflict", () => {
    expect(parse("gpt-4o by day gpt-4o daily")).toMatchObject({ kind: "spend", model: "gpt-4o", groupBy: "day" });
  });
});
