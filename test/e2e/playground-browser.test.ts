// The playground in a real browser (Debian's Chromium driven by playwright-core): a typed question
// shows the Teams card and the Slack message with the same total as the JSON report, and buttons
// in either rendering ask their command and replace the answer. Screenshots go to test-artifacts/.
import { existsSync, mkdirSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/bot.js";
import { formatMoney } from "../../src/bot/render/format.js";
import { renderJson } from "../../src/server/render.js";
import { loadConfig } from "../../src/config.js";
import { parseAmount } from "../../src/cost/money.js";
import { createDemoCostSource } from "../../src/cost/sources/demo.js";
import { silentLogger } from "../../src/log.js";
import { createPlaygroundMount } from "../../src/adapters/web/mount.js";
import { startApp, type RunningApp } from "../../src/server/app.js";
import { openStore, type Store } from "../../src/store/index.js";

const NOW = new Date("2025-11-27T09:00:00Z");
const ZONE = "Europe/Paris";
const ARTIFACTS = new URL("../../test-artifacts/", import.meta.url);

const bot = createBot({ costSource: createDemoCostSource({ clock: () => NOW }), clock: () => NOW });
let app: RunningApp;
let store: Store;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

/** CHROMIUM_PATH, else Debian's and Ubuntu's usual places; undefined when none is installed. */
function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((path): path is string => !!path && existsSync(path));
}

const HOW_TO_RUN = "apt-get install chromium (or set CHROMIUM_PATH to a Chromium) and run npx vitest run test/e2e/playground-browser.test.ts";
const chromiumExe = findChromium();
// CI installs Chromium (.ci/run), so there a missing browser fails instead of skipping.
const skip = !chromiumExe && !process.env.CI;
if (skip) console.warn(`playground browser test skipped: no Chromium found; to run it: ${HOW_TO_RUN}`);

beforeAll(async () => {
  if (skip) return;
  if (!chromiumExe) throw new Error(`no Chromium found: ${HOW_TO_RUN}`);
  store = await openStore(":memory:", { clock: () => NOW });
  const channel = await store.upsertTarget({ platform: "slack", address: "C0123", meta: { name: "ai-costs" } });
  await store.setDigest({ targetId: channel.id, cadence: "daily", time: "09:00", tz: ZONE, createdBy: "U1" });
  await store.createBudget({
    targetId: channel.id,
    name: "weekly",
    amount: parseAmount("5000")!,
    period: "weekly",
    thresholds: [80, 100],
    createdBy: "U1",
  });
  const config = { ...loadConfig({}), host: "127.0.0.1" };
  app = await startApp(
    { config, bot, logger: silentLogger, sourceName: bot.costSource.name, store },
    [createPlaygroundMount({ clock: () => NOW })],
    0,
  );
  browser = await chromium.launch({
    executablePath: chromiumExe,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  const context = await browser.newContext({ viewport: { width: 1360, height: 1000 }, timezoneId: ZONE, locale: "en-US" });
  page = await context.newPage();
  page.on("pageerror", (err) => pageErrors.push(err.message));
  await page.goto(`http://127.0.0.1:${app.port}/`);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await store?.close();
});

const teams = (turn = 0) => page.locator(".turn").nth(turn).locator(".pane.teams");
const slack = (turn = 0) => page.locator(".turn").nth(turn).locator(".pane.slack");

/** Waits until the turn's answer (first, or after a button) has arrived. */
async function settled(turn: number) {
  await page.locator(".turn").nth(turn).and(page.locator("[data-state=done]")).waitFor();
}

/** The money figure right under the "Total" label in a rendering's visible text. */
const totalIn = (text: string) => /Total\s*\n\s*(\S+)/.exec(text)?.[1];

describe.skipIf(skip)("playground in Chromium", () => {
  it("shows a typed question as a Teams card and a Slack message with the JSON report's total", async () => {
    await page.waitForFunction(() => document.getElementById("status")?.textContent?.includes("demo data"));
    await page.fill("#question", "this week by model");
    await page.press("#question", "Enter");
    await settled(0);

    const expected = renderJson(await bot.answer("this week by model", { tz: ZONE }));
    if (expected.kind !== "spend") throw new Error(`expected a spend report, got ${expected.kind}`);
    const shown = formatMoney(expected.total, expected.currency);
    // Drawn by Microsoft's renderer: its own markup, not ours.
    await teams().locator(".ac-adaptiveCard").waitFor();
    const teamsText = await teams().innerText();
    const slackText = await slack().innerText();
    expect(teamsText).toContain("AI model spend · This week");
    expect(slackText).toContain("AI model spend · This week");
    expect(totalIn(teamsText)).toBe(shown);
    expect(totalIn(slackText)).toBe(shown);
    const json = JSON.parse((await page.locator(".turn pre.json").first().textContent()) ?? "{}");
    expect(json.total).toBe(expected.total);
    // Teams' chart element is unknown to the renderer: the card's fallback sparkline shows instead.
    expect(teamsText).toMatch(/Trend \(daily\) [▁▂▃▄▅▆▇█]+/);
    // Slack mrkdwn: *bold* becomes bold, the header is the plain-text header block.
    // Today is still being billed, so the week is incomplete and the header says so.
    expect(await slack().locator(".sk-header").innerText()).toBe("AI model spend · This week (incomplete)");
    expect(await slack().locator(".sk-field strong").first().innerText()).toBe("Total");
    expect(await page.locator("#status").innerText()).toContain("Answering from demo data");
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: new URL("playground-question.png", ARTIFACTS).pathname, fullPage: true });
    if (process.env.COSTBOT_DOCS_SCREENSHOT) {
      // Regenerates the README's picture: COSTBOT_DOCS_SCREENSHOT=1 npx vitest run test/e2e/playground-browser.test.ts
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: new URL("../../docs/playground.png", import.meta.url).pathname });
    }
  });

  it("asks a Teams button's command and replaces the answer in place", async () => {
    await teams().getByRole("button", { name: "By channel" }).click();
    await page.locator(".turn .pressed").first().filter({ hasText: "By channel" }).waitFor();
    await settled(0);
    await expect.poll(() => teams().innerText()).toMatch(/Channel\s*\n?\s*Cost/);
    expect(await slack().innerText()).toContain("By channel");
    expect(await page.locator(".turn").count()).toBe(1);
    // Explicit dates alone would compare with the 4 days before; the button keeps Mon–Thu vs Mon–Thu.
    expect(await page.locator(".turn .pressed").first().innerText()).toBe(
      "Pressed “By channel” → asked “2025-11-24 to 2025-11-27 by channel vs 2025-11-17 to 2025-11-20 no comparison”",
    );
  });

  it("asks a Slack button's value and replaces the answer in place", async () => {
    await slack().getByRole("button", { name: "By day" }).click();
    await page.locator(".turn .pressed").first().filter({ hasText: "By day" }).waitFor();
    await settled(0);
    await expect.poll(() => slack().innerText()).toContain("By day");
    const expected = renderJson(await bot.answer("2025-11-24 to 2025-11-27 by day", { tz: ZONE }));
    if (expected.kind !== "spend") throw new Error("expected a spend report");
    expect(totalIn(await teams().innerText())).toBe(formatMoney(expected.total, expected.currency));
    expect(await teams().innerText()).toMatch(/Day\s*\n?\s*Cost/);
    expect(await page.locator(".turn").count()).toBe(1);
  });

  it("turns the per-row comparison on and off on the same card", async () => {
    const before = await teams().innerText();
    expect(before).not.toMatch(/ from \$/);
    await teams().getByRole("button", { name: "Compare with previous" }).click();
    await page.locator(".turn .pressed").first().filter({ hasText: "Compare with previous" }).waitFor();
    await settled(0);
    // Per day and per channel: "▲ 2.6% from $1,000.00" against Mon–Thu of the week before.
    await expect.poll(() => teams().innerText()).toMatch(/[▲▼] [\d.]+% from \$/);
    await expect.poll(() => slack().innerText()).toMatch(/[▲▼] [\d.]+% from \$/);
    expect(await teams().innerText()).toMatch(/Change/);
    expect(await page.locator(".turn").count()).toBe(1);
    await slack().getByRole("button", { name: "Hide comparison" }).click();
    await page.locator(".turn .pressed").first().filter({ hasText: "Hide comparison" }).waitFor();
    await settled(0);
    await expect.poll(() => teams().innerText()).not.toMatch(/ from \$/);
    expect(await slack().innerText()).not.toMatch(/ from \$/);
    expect(await page.locator(".turn").count()).toBe(1);
  });

  it("shows Slack's escaped entities as the characters they stand for", async () => {
    await page.fill("#question", "a&b");
    await page.press("#question", "Enter");
    await settled(1);
    const text = await slack(1).innerText();
    expect(text).toContain('Could not answer: I don\'t know "a&b"');
    expect(text).not.toContain("&amp;");
    expect(await slack(1).locator("strong").first().innerText()).toBe("Could not answer:");
    expect(text).toContain("⚠️");
    expect(await teams(1).innerText()).toContain('I don\'t know "a&b"');
  });

  it("previews the next digest and lists the store's budgets and subscriptions", async () => {
    await expect.poll(() => page.locator("#digest .digest-heading").innerText()).toBe("What #ai-costs would get tomorrow at 09:00 (Europe/Paris)");
    expect(await page.locator("#digest .pane.teams .ac-adaptiveCard").count()).toBe(1);
    expect(await page.locator("#digest .pane.slack .sk-message").count()).toBe(1);
    expect(await page.locator("#budgets").innerText()).toMatch(/#ai-costs\s+weekly\s+5000\.00\s+weekly/);
    expect(await page.locator("#digests").innerText()).toMatch(/#ai-costs\s+daily 09:00\s+Europe\/Paris/);
    expect(pageErrors).toEqual([]);
    await page.screenshot({ path: new URL("playground.png", ARTIFACTS).pathname, fullPage: true });
  });
});
