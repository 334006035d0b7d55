// A new export run found by the server's sync triggers the budget and spike checks at once, exactly
// once, through the scheduler's own jobs: Azurite holds the export, the server's services are built
// from configuration (COSTBOT_SOURCE = the storage URL), and the fake Slack Web API receives the alert.
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BlobServiceClient, type ContainerClient } from "@azure/storage-blob";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { loadConfig } from "../../src/config.js";
import { silentLogger } from "../../src/log.js";
import { createServices, type Services } from "../../src/main/services.js";
import { startScheduler, type Scheduler } from "../../src/server/scheduler.js";
import { head, manifestOf, runFolder, type RunSpec } from "../cost/export-runs-fixture.js";
import { startAzurite, type Azurite } from "../fakes/azurite.js";
import { startFakeSlack, type FakeSlack } from "../fakes/slack-api.js";

/** gpt-4o rows on 5 Nov 2025: ten of $0.10 and one of $0.005, $1.005 (test/fixtures/exports/ea-float-trap.csv). */
const GPT = readFileSync(new URL("../fixtures/exports/ea-float-trap.csv", import.meta.url));
const BOT_TOKEN = "xoxb-storage-e2e";
const ADMIN = "UADMIN1";
let azurite: Azurite;
let slack: FakeSlack;
let cache: string;
let services: Services | undefined;
let scheduler: Scheduler | undefined;

beforeAll(async () => {
  azurite = await startAzurite();
  slack = await startFakeSlack({ botToken: BOT_TOKEN });
  cache = await mkdtemp(join(tmpdir(), "costbot-newrun-"));
}, 60_000);
afterAll(async () => {
  await scheduler?.stop();
  await services?.store.close();
  await slack?.close();
  await azurite?.stop();
  await rm(cache, { recursive: true, force: true, maxRetries: 5 });
});

async function upload(c: ContainerClient, r: RunSpec): Promise<void> {
  for (const f of r.files) await c.getBlockBlobClient(`${runFolder(r)}/${f.name}`).uploadData(f.body);
  await c.getBlockBlobClient(`${runFolder(r)}/manifest.json`).uploadData(Buffer.from(manifestOf(r)));
}

it("checks budgets on a new export run as soon as the sync finds it, and alerts once", async () => {
  const c = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient("newrun");
  await c.create();
  const run = { root: "costs", exportName: "daily-actual", type: "ActualCost", startDate: "2025-11-01" } as const;
  // Run 1: $0.30 of November (three rows), a quarter of the budget below.
  await upload(c, { ...run, stamp: "202511060944", runId: "r1", files: [{ name: "part_0_0001.csv", body: head(GPT, 3) }] });
  let clock = new Date("2025-11-06T10:00:00Z");
  services = await createServices(
    loadConfig({
      DATABASE_URL: ":memory:",
      COSTBOT_SOURCE: `${azurite.blobUrl}/newrun/costs`,
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      COSTBOT_CACHE_DIR: cache,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_API_URL: slack.apiUrl,
      COSTBOT_ADMINS: `slack:${ADMIN}`,
    }),
    silentLogger,
    () => clock,
  );
  const s = services;
  scheduler = startScheduler({
    store: s.store,
    bot: s.bot,
    notifiers: s.notifiers,
    logger: silentLogger,
    clock: () => clock,
    tickMs: 0,
    jobs: s.jobs,
  });
  const sched = scheduler;
  // As serve() wires it.
  s.onCostDataChanged(() => void sched.runJobsSoon(s.costJobs));
  const ctx = { platform: "slack" as const, userId: ADMIN, target: { platform: "slack" as const, address: "CFINOPS" } };
  expect(await s.bot.answer("budget set 1.25 monthly alerts 50,80,100", ctx)).toMatchObject({ kind: "notice" });
  await sched.tick(); // the jobs' first run: no threshold crossed (a forecast alert may come, once)
  const posts = () => slack.callsTo("chat.postMessage").map((p) => String(p.args.text).split("\n")[0]);
  const before = posts().length;
  expect(posts().filter((t) => /passed/.test(t))).toEqual([]);

  // Run 2 (a day later) holds the whole month so far: $1.005, shown $1.01, past 80%.
  await upload(c, { ...run, stamp: "202511070944", runId: "r2", files: [{ name: "part_0_0001.csv", body: GPT }] });
  clock = new Date("2025-11-07T12:00:00Z"); // the last sync is older than COSTBOT_SYNC_EVERY (1h): the next question syncs
  await s.bot.answer("this month", ctx);
  await vi.waitFor(() => expect(posts().length).toBeGreaterThan(before), { timeout: 60_000, interval: 50 });
  await sched.tick(); // joins the triggered pass until it is done; the clock has not moved, so no job is due again
  const after = posts();
  expect(after.slice(before).filter((t) => /passed/.test(t))).toEqual([expect.stringContaining('Budget "monthly" passed 80%: $1.01 of $1.25')]);

  // Unchanged container: further syncs and passes send nothing more.
  clock = new Date("2025-11-07T14:00:00Z");
  await s.bot.answer("this month by model", ctx);
  await sched.tick();
  expect(posts()).toEqual(after);
  const sent = (await s.store.deliveries.list()).filter((d) => d.status === "sent" && d.key.startsWith("budget:"));
  expect(sent).toHaveLength(1);
}, 120_000);
