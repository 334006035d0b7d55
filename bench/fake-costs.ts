// Cost lines for the fake ARM in the Azure and digest benchmarks: 20 gpt-4o meters a day per scope,
// 2025-10-01..2025-11-27, deterministic. Bench-only: must not be imported by src/.
import type { FakeCost } from "../test/fakes/arm.js";

export function benchCosts(scope: string): FakeCost[] {
  const rows: FakeCost[] = [];
  for (let t = Date.parse("2025-10-01T00:00:00Z"), i = 0; t <= Date.parse("2025-11-27T00:00:00Z"); t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    for (let r = 0; r < 20; r++, i++) {
      rows.push({
        date,
        cost: `${(i * 7919) % 997}.${String((i * 104729) % 1_000_000).padStart(6, "0")}`,
        quantity: i % 50,
        dims: {
          ResourceId: `${scope}/resourcegroups/rg/providers/microsoft.cognitiveservices/accounts/ai-${r}`,
          Meter: `gpt 4o 0513 ${r % 2 ? "Input" : "Output"} global Tokens`,
          PublisherType: "Azure",
          UnitOfMeasure: "1K",
        },
      });
    }
  }
  return rows;
}
