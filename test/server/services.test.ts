import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { helpReport, QUESTION_TITLES } from "../../src/bot/help.js";
import { loadConfig } from "../../src/config.js";
import { silentLogger } from "../../src/log.js";
import { createServices, type Services } from "../../src/main/services.js";

const now = new Date("2025-11-27T09:00:00Z");
let services: Services;

beforeAll(async () => {
  services = await createServices(loadConfig({ DATABASE_URL: ":memory:" }), silentLogger, () => now);
});
afterAll(() => services.store.close());

const ctx = { userId: "playground", platform: "web" as const, target: { platform: "web" as const, address: "playground" } };

describe("the assembled bot", () => {
  const commands = helpReport()
    .sections.filter((s) => !QUESTION_TITLES.includes(s.title))
    .flatMap((s) => s.examples);

  it.each(commands)("answers the help example %j", async (example) => {
    const report = await services.bot.answer(example, ctx);
    expect(report.kind, JSON.stringify(report)).not.toBe("error");
  });

  it("refuses changes from someone who is not an admin, and says who can", async () => {
    const report = await services.bot.answer("budget set 100 monthly", { ...ctx, userId: "U999" });
    expect(report.kind).toBe("notice");
    expect(JSON.stringify(report)).toMatch(/admin/i);
    expect(await services.store.listBudgets({})).not.toContainEqual(expect.objectContaining({ amount: 100n * 10n ** 12n }));
  });

  it("registers the budget and spike checks with the scheduler", () => {
    expect(services.jobs.map((j) => j.name).sort()).toEqual(
      expect.arrayContaining([expect.stringMatching(/budget/), expect.stringMatching(/spike/)]),
    );
  });
});
