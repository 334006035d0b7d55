// Restart in the middle of a digest run: a scheduler process is killed (SIGKILL) while posting,
// a new one starts on the same SQLite file, and every channel ends up with exactly one digest.
import { spawn, type ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open.js";
import { startFakeSlack, type FakeSlack } from "../fakes/slack-api.js";
import { startSlackProxy, type SlackProxy } from "../fakes/slack-proxy.js";
import { sqliteBackend } from "../store/backends.js";

const TOKEN = "xoxb-restart";
const CHANNELS = 40;
let slack: FakeSlack;
let proxy: SlackProxy;
const backend = sqliteBackend();
afterEach(async () => {
  await proxy?.close();
  await slack?.close();
  await backend.cleanup();
});

function child(db: string, now: string): { proc: ChildProcess; done: Promise<{ code: number | null; signal: string | null; out: string }> } {
  const proc = spawn(process.execPath, ["--import", "tsx", "test/e2e/digest-child.ts"], {
    env: { ...process.env, CHILD_DB: db, CHILD_NOW: now, CHILD_SLACK: proxy.apiUrl, CHILD_TOKEN: TOKEN },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  proc.stdout!.on("data", (c) => (out += c));
  const done = new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) =>
    proc.on("exit", (code, signal) => resolve({ code, signal, out })),
  );
  return { proc, done };
}

describe("digest run killed midway", () => {
  it("gives every channel exactly one digest after a restart", async () => {
    slack = await startFakeSlack({ botToken: TOKEN });
    proxy = await startSlackProxy(slack);
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    // Posts after the tenth are held until the first scheduler is dead: it dies with sends in flight.
    slack.gate = (call) => (call.method === "chat.postMessage" && slack.callsTo("chat.postMessage").length > 10 ? released : undefined);
    const db = await backend.fresh();
    const store = await openStore(db, { clock: () => new Date("2025-11-01T00:00:00Z") });
    for (let i = 0; i < CHANNELS; i++) {
      const t = await store.upsertTarget({ platform: "slack", address: `CR${i}` });
      await store.setDigest({ targetId: t.id, cadence: "daily", time: "09:00", tz: "Europe/Berlin", createdBy: "UADMIN" });
    }
    await store.close();

    const first = child(db, "2025-11-27T08:00:00Z");
    await slack.waitFor(() => slack.callsTo("chat.postMessage").length > 10);
    first.proc.kill("SIGKILL");
    const killed = await first.done;
    expect(killed.signal).toBe("SIGKILL");
    // The held posts still reach Slack (the proxy waits for them), unknown to the dead scheduler.
    release();
    await slack.waitFor(() => proxy.posted.length === slack.callsTo("chat.postMessage").length);
    const before = proxy.posted.length;
    expect(before).toBeLessThan(CHANNELS);
    // The kill left claims without an outcome: those are what the restart must settle.
    const mid = await openStore(db);
    const claimed = await mid.deliveries.list({ prefix: "digest:", status: "claimed" });
    await mid.close();
    expect(claimed.length).toBeGreaterThan(0);

    // Ten minutes on: abandoned claims are stale and the same local day still runs.
    const second = await child(db, "2025-11-27T08:10:00Z").done;
    expect(second.code).toBe(0);
    const perChannel = new Map<string, number>();
    for (const p of proxy.posted) perChannel.set(p.channel, (perChannel.get(p.channel) ?? 0) + 1);
    expect(perChannel.size).toBe(CHANNELS);
    expect([...perChannel.values()].every((n) => n === 1)).toBe(true);
    const check = await openStore(db);
    const log = await check.deliveries.list({ prefix: "digest:" });
    expect(log).toHaveLength(CHANNELS);
    expect(log.every((d) => d.status === "sent")).toBe(true);
    await check.close();
  });
});
