// Child process for bench/azure-bench.ts: runs the fake ARM apart from the measured client, so the
// fake's own CPU does not count as answer latency. Talks to the parent over IPC.
// Bench-only: must not be imported by src/.
import { startArmFake, throttled, type FakeCost } from "../test/fakes/arm.js";

const latencyMs = Number(process.argv[2] ?? 800);
const throttleEveryOther = process.argv[3] === "throttle";
const scopes = JSON.parse(process.argv[4] ?? "[]") as string[];

function costs(scope: string): FakeCost[] {
  const rows: FakeCost[] = [];
  for (let t = Date.parse("2025-10-01T00:00:00Z"), i = 0; t <= Date.parse("2025-11-27T00:00:00Z"); t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    for (let r = 0; r < 20; r++, i++) {
      rows.push({
        date, cost: `${(i * 7919) % 997}.${String((i * 104729) % 1_000_000).padStart(6, "0")}`, quantity: i % 50,
        dims: {
          ResourceId: `${scope}/resourcegroups/rg/providers/microsoft.cognitiveservices/accounts/ai-${r}`,
          Meter: `gpt 4o 0513 ${r % 2 ? "Input" : "Output"} global Tokens`, PublisherType: "Azure", UnitOfMeasure: "1K",
        },
      });
    }
  }
  return rows;
}

const fake = await startArmFake({
  latencyMs, pageSize: 1000, today: "2025-11-27",
  fault: (kind, n) => (throttleEveryOther && kind === "query" && n % 2 === 1
    ? throttled({ "x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after": "2" }) : undefined),
});
for (const s of scopes) fake.setCosts(s, costs(s));
process.send!({ url: fake.url });
process.on("message", async (m: string) => {
  if (m === "stats") {
    const q = fake.of("query");
    process.send!({ firstPages: q.filter((r) => !r.query.$skiptoken).length, requests: q.length, throttled: Math.floor(q.length / 2) * (throttleEveryOther ? 1 : 0) });
  } else if (m === "close") {
    await fake.close();
    process.exit(0);
  }
});
