import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createBot, type AskContext, type Bot } from "../../src/bot/bot.js";
import { isAdmin, refuseNonAdmin } from "../../src/bot/commands/admin.js";
import { createAlertsCommand } from "../../src/alerts/command.js";
import { createBudgetCommand } from "../../src/budgets/command.js";
import type { Report } from "../../src/bot/report.js";
import { parseAmount } from "../../src/cost/money.js";
import { createDemoCostSource } from "../../src/cost/sources/demo.js";
import type { CostSource } from "../../src/cost/types.js";
import { silentLogger } from "../../src/log.js";
import { openStore } from "../../src/store/open.js";
import type { Store } from "../../src/store/types.js";
import { recordingNotifier, type RecordingNotifier } from "./fake-notifier.js";
import { sqliteBackend } from "../store/backends.js";

const NOW = new Date("2025-11-27T10:00:00Z");
const ADMIN = "UADMIN1";
const here = { platform: "slack" as const, address: "CFINOPS" };
const admin: AskContext = { platform: "slack", userId: ADMIN, target: here };
const someone: AskContext = { platform: "slack", userId: "UOTHER", target: here };

const backend = sqliteBackend();
let store: Store;
let slack: RecordingNotifier;
afterEach(() => store?.close());
afterAll(() => backend.cleanup());

async function setup(admins = [ADMIN], costSource: CostSource = createDemoCostSource({ clock: () => NOW })): Promise<Bot> {
  store = await openStore(await backend.fresh(), { clock: () => NOW });
  slack = recordingNotifier();
  const deps = { store, admins, notifiers: { slack }, logger: silentLogger, sleep: async () => {} };
  return createBot({
    costSource,
    clock: () => NOW,
    commands: [createBudgetCommand(deps), createAlertsCommand({ store, admins, webhookTokenSet: true })],
  });
}

const text = (r: Report) =>
  r.kind === "notice"
    ? [r.title, ...r.lines, ...(r.fields ?? []).map((f) => `${f.label}: ${f.value}`)].join("\n")
    : r.kind === "error"
      ? `${r.message}\n${r.hint ?? ""}`
      : r.kind;

describe("admin checks", () => {
  it.each([
    [{ platform: "slack", userId: "U123" }, ["U123"], true],
    [{ platform: "teams", userId: "6c1f0a3e-AAAA-4b7d-9c2e-000000000001" }, ["6C1F0A3E-aaaa-4B7D-9C2E-000000000001"], true],
    [{ platform: "slack", userId: "U999" }, ["U123", "U456"], false],
    [{ platform: "slack" }, ["U123"], false],
    [{ platform: "slack", userId: "U123" }, [], false],
    // Ids are bound to a platform: by prefix, else by the format of the id.
    [{ platform: "teams", userId: "U123" }, ["U123"], false],
    [{ platform: "slack", userId: "6c1f0a3e-aaaa-4b7d-9c2e-000000000001" }, ["6c1f0a3e-aaaa-4b7d-9c2e-000000000001"], false],
    [{ platform: "teams", userId: "U123" }, ["teams:U123"], true],
    [{ platform: "slack", userId: "U123" }, ["teams:U123"], false],
    [{ platform: "slack", userId: "someone" }, ["someone"], false],
    [{ platform: "web", userId: "playground" }, ["web:playground"], true],
    [{ platform: "teams", userId: "playground" }, ["web:playground", "playground"], false],
    [{ userId: "U123" }, ["U123"], false],
  ] as Array<[Pick<AskContext, "platform" | "userId">, string[], boolean]>)("isAdmin(%j, %j) is %s", (ctx, admins, expected) => {
    expect(isAdmin(ctx, admins)).toBe(expected);
  });

  it("names the admins in a refusal, or says how to configure them", () => {
    expect(refuseNonAdmin(["U123", "U456"]).lines[0]).toBe("Ask one of the admins listed in COSTBOT_ADMINS: U123, U456.");
    expect(refuseNonAdmin([]).lines.join(" ")).toContain("Set COSTBOT_ADMINS to a comma-separated list of platform user ids");
  });
});

describe("budget commands", () => {
  it("sets, lists and removes a budget for an admin; refuses changes for others but lets them read", async () => {
    const bot = await setup();
    const set = await bot.answer("budget set $30,000 monthly alerts 50,80,100", admin);
    expect(set).toMatchObject({ kind: "notice", title: 'Budget "monthly" set: $30,000.00 monthly' });
    expect(text(set)).toContain("Now: $24,530.30 of $30,000.00 (81.7%) this month, projected $27,418.62 by 30 Nov.");
    expect(slack.titles()).toEqual(['Budget "monthly" passed 80%: $24,530.30 of $30,000.00']);

    const refused = await bot.answer("budget set 100 daily", someone);
    expect(refused).toMatchObject({ kind: "notice", tone: "warning", title: "Only admins can change budgets" });
    expect(text(refused)).toContain(ADMIN);
    expect(await bot.answer("budget remove monthly", someone)).toMatchObject({ title: "Only admins can change budgets" });

    const list = await bot.answer("budgets", someone);
    expect(list).toMatchObject({ kind: "notice", title: "Budgets in this channel (1)" });
    expect(text(list)).toContain("monthly (all AI models): $24,530.30 of $30,000.00 (81.7%) this month");

    expect(await bot.answer("budget remove Monthly", admin)).toMatchObject({ title: 'Budget "monthly" removed' });
    expect(await bot.answer("budget remove monthly", admin)).toMatchObject({
      kind: "error",
      message: 'There is no budget named "monthly" in this channel.',
    });
    expect(await store.listBudgets()).toEqual([]);
  });

  it("says in the confirmation that a budget is already exceeded and alerts once, even when set again", async () => {
    const bot = await setup();
    const first = await bot.answer("budget set 1000 weekly for gpt-4o", admin);
    expect(first).toMatchObject({ tone: "warning", title: 'Budget "weekly gpt-4o" set: $1,000.00 weekly' });
    expect(text(first)).toContain("Already over budget: the alert is posted in this channel.");
    expect(slack.titles()).toEqual(['Budget "weekly gpt-4o" exceeded: $1,281.10 of $1,000.00']);
    expect(text(slack.sent[0].report)).toMatch(/Driven by gpt-4o \$1,281\.10 \(100%\); mostly Microsoft/);

    // A changed budget is a new one: its thresholds are announced afresh, once.
    const changed = await bot.answer("budget set 1200 weekly for gpt-4o", admin);
    expect(changed).toMatchObject({ title: 'Budget "weekly gpt-4o" updated: $1,200.00 weekly' });
    expect(slack.titles()).toHaveLength(2);
    expect(slack.sent.every((s) => s.address === "CFINOPS")).toBe(true);
  });

  it("warns on forecast in the confirmation when spend is on course to exceed", async () => {
    const bot = await setup();
    const r = await bot.answer("budget set 26000 monthly", admin);
    expect(text(r)).toMatch(/Forecast to exceed the budget on (28|29|30) Nov at the current pace\./);
    expect(slack.titles()).toEqual(['Budget "monthly" passed 80%: $24,530.30 of $26,000.00', expect.stringMatching(/forecast to exceed/)]);
  });

  it("gives specific messages for bad input and for a message outside a channel", async () => {
    const bot = await setup();
    expect(await bot.answer("budget set lots monthly", admin)).toMatchObject({ kind: "error", message: 'I don\'t understand "lots" in a budget.' });
    expect(await bot.answer("budget set 5000 monthly", { userId: ADMIN, platform: "cli" })).toMatchObject({
      kind: "error",
      message: "Budgets belong to a channel, and this message did not come from one.",
    });
    await bot.answer("budget set 5000 monthly", admin);
    expect(await bot.answer("budget set 900 monthly for gpt-4o named MONTHLY", admin)).toMatchObject({
      title: 'Budget "monthly" updated: $900.00 monthly',
    });
  });

  it("keeps the confirmation when the cost source fails, saying the check comes later", async () => {
    const failing: CostSource = {
      name: "broken",
      query: async () => {
        throw new Error("Azure did not answer");
      },
    };
    const bot = await setup([ADMIN], failing);
    const r = await bot.answer("budget set 5000 monthly", admin);
    expect(r).toMatchObject({ kind: "notice", title: 'Budget "monthly" set: $5,000.00 monthly' });
    expect(text(r)).toContain("Could not check it against spend yet (Azure did not answer); the next scheduled check will.");
    expect(await store.listBudgets()).toHaveLength(1);
  });

  it("shows Azure's own budgets beside ours when the source has them", async () => {
    const demo = createDemoCostSource({ clock: () => NOW });
    const azureLike = Object.assign(Object.create(null), demo, {
      name: "Azure (1 scope)",
      query: demo.query,
      budgets: async () => ({
        budgets: [
          {
            scope: "/subscriptions/sub-1",
            name: "TestBudget",
            amount: parseAmount("100.65")!,
            timeGrain: "Monthly",
            currentSpend: parseAmount("80.89")!,
            forecastSpend: parseAmount("150")!,
            currency: "USD",
            filtered: false,
            notifications: [
              { enabled: true, threshold: 90, thresholdType: "Actual" },
              { enabled: true, threshold: 100, thresholdType: "Forecasted" },
            ],
          },
        ],
        warnings: [],
      }),
    });
    const bot = await setup([ADMIN], azureLike);
    expect(text(await bot.answer("budgets", someone))).toContain(
      'Azure budget "TestBudget" (sub-1, monthly, all costs in scope, not only AI): $80.89 of $100.65, forecast $150.00; alerts at 90%, 100% forecast',
    );
  });

  it("refuses everyone when no admins are configured, saying how to set them", async () => {
    const bot = await setup([]);
    const r = await bot.answer("budget set 5000 monthly", admin);
    expect(text(r)).toContain("Set COSTBOT_ADMINS");
    expect(await store.listBudgets()).toEqual([]);
  });
});

describe("alerts commands", () => {
  it("routes alerts here for an admin, shows the routing to anyone, and turns it off", async () => {
    const bot = await setup();
    expect(await bot.answer("alerts", someone)).toMatchObject({ title: "This channel does not get Azure budget or spike alerts" });
    expect(await bot.answer("alerts here", someone)).toMatchObject({ title: "Only admins can change alert routing" });
    const on = await bot.answer("alerts here", admin);
    expect(on).toMatchObject({ kind: "notice", title: "Alerts will come to this channel" });
    expect(text(on)).toContain("/alerts/azure?token=<ALERT_WEBHOOK_TOKEN>");
    expect(await store.listAlertRoutes()).toMatchObject([{ scope: "*", createdBy: ADMIN }]);
    expect(await bot.answer("alerts", someone)).toMatchObject({ title: "This channel gets Azure budget and spike alerts" });
    expect(await bot.answer("alerts off", admin)).toMatchObject({ title: "Alerts off for this channel" });
    expect(await store.listAlertRoutes()).toEqual([]);
    expect(await bot.answer("alerts sideways", admin)).toMatchObject({ kind: "error", message: '"sideways" is not an alerts command.' });
  });
});
