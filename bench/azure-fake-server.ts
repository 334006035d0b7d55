// Child process for bench/azure-bench.ts: runs the fake ARM apart from the measured client, so the
// fake's own CPU does not count as answer latency. Talks to the parent over IPC.
// Bench-only: must not be imported by src/.
import { startArmFake, throttled } from "../test/fakes/arm.js";
import { benchCosts } from "./fake-costs.js";

const latencyMs = Number(process.argv[2] ?? 800);
const throttleEveryOther = process.argv[3] === "throttle";
const scopes = JSON.parse(process.argv[4] ?? "[]") as string[];

const fake = await startArmFake({
  latencyMs,
  pageSize: 1000,
  today: "2025-11-27",
  fault: (kind, n) =>
    throttleEveryOther && kind === "query" && n % 2 === 1 ? throttled({ "x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after": "2" }) : undefined,
});
for (const s of scopes) fake.setCosts(s, benchCosts(s));
process.send!({ url: fake.url });
process.on("message", async (m: string) => {
  if (m === "stats") {
    const q = fake.of("query");
    process.send!({
      firstPages: q.filter((r) => !r.query.$skiptoken).length,
      requests: q.length,
      throttled: Math.floor(q.length / 2) * (throttleEveryOther ? 1 : 0),
    });
  } else if (m === "close") {
    await fake.close();
    process.exit(0);
  }
});
