// The Teams in-doubt window: N budget-style deliveries through deliver() and the real Teams notifier
// to the fake Bot Connector, on SQLite and PostgreSQL, timing (1) the moment the send is durably
// marked as begun -> the moment the connector has the POST (a crash here loses the message: it is in
// doubt and not resent), and (2) the connector has the POST -> the outcome is durably recorded (a
// crash here is in doubt too, and not resent: no duplicate). Run: npx tsx bench/teams-window.ts [--n 300]
import { createTeamsSchedulerNotifier } from "../src/adapters/teams/notifier.js";
import { loadConfig } from "../src/config.js";
import { silentLogger } from "../src/log.js";
import { deliver } from "../src/schedule/deliver.js";
import { openStore } from "../src/store/open.js";
import type { Store } from "../src/store/types.js";
import { startFakeBotConnector } from "../test/fakes/bot-connector.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

/** A fresh database: a SQLite file in a temp folder, or a new schema on BENCH_PG_URL (default local `test`). */
interface Backend {
  fresh(): Promise<string>;
  cleanup(): Promise<void>;
}
const sqliteBackend = (): Backend => {
  const dir = mkdtempSync(join(tmpdir(), "costbot-window-"));
  return { fresh: async () => join(dir, "costbot.db"), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
};
const postgresBackend = (): Backend => {
  const base = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const schema = `costbot_window_${process.pid}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(sql).finally(() => c.end());
  };
  return {
    async fresh() {
      await admin(`CREATE SCHEMA ${schema}`);
      const url = new URL(base);
      url.searchParams.set("options", `-c search_path=${schema}`);
      return url.toString();
    },
    cleanup: () => admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`),
  };
};

const n = Number(process.argv[process.argv.indexOf("--n") + 1]) || 300;
const CONVERSATION = "19:window@thread.tacv2";

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(2)} ms, p95 ${q(0.95).toFixed(2)} ms, p99 ${q(0.99).toFixed(2)} ms, max ${s[s.length - 1].toFixed(2)} ms`;
}

async function run(name: string, backend: Backend) {
  const connector = await startFakeBotConnector();
  const url = await backend.fresh();
  const store = await openStore(url);
  await store.saveConversation({
    id: CONVERSATION,
    serviceUrl: connector.url,
    conversationType: "channel",
    updatedAt: new Date().toISOString(),
    reference: { conversation: { id: CONVERSATION, conversationType: "channel" }, bot: { id: "28:costbot", name: "costbot" }, channelId: "msteams" },
  });
  const target = (await store.findTarget("teams", CONVERSATION))!;
  const marked = new Map<string, number>();
  const recorded = new Map<string, number>();
  let current = "";
  // Timestamps taken where the database has answered: the moment each write is durable.
  const timed: Store = {
    ...store,
    deliveries: {
      ...store.deliveries,
      async markSending(key) {
        const ok = await store.deliveries.markSending(key);
        marked.set(key, performance.now());
        return ok;
      },
      async complete(key, outcome, opts) {
        const ok = await store.deliveries.complete(key, outcome, opts);
        recorded.set(key, performance.now());
        return ok;
      },
    },
  };
  const posted = new Map<string, number>();
  connector.onCall = (call) => void posted.set(current, call.at);
  const notifier = createTeamsSchedulerNotifier({ teams: { ...loadConfig({}).teams }, conversations: store });
  const report = { kind: "error" as const, message: 'Budget "monthly" exceeded: $24,530.30 of $20,000.00' };
  for (let i = 0; i < n + 20; i++) {
    current = `budget:bench:${name}:${i}`;
    await deliver(current, target, report, { store: timed, notifiers: { teams: notifier }, logger: silentLogger });
  }
  const keys = [...posted.keys()].slice(20); // the first 20 warm up connections and JIT
  const pre = keys.map((k) => posted.get(k)! - marked.get(k)!);
  const post = keys.map((k) => recorded.get(k)! - posted.get(k)!);
  console.log(`${name}: ${keys.length} deliveries`);
  console.log(`  marked sending -> connector has the POST (lost if the process dies here): ${stats(pre)}`);
  console.log(`  connector has the POST -> outcome recorded (in doubt, not resent):        ${stats(post)}`);
  await store.close();
  await connector.close();
  await backend.cleanup();
}

await run("sqlite", sqliteBackend());
await run("postgres", postgresBackend());
