// Long histories against live Azure, end to end through the CLI (spawned) and a fake ARM: a range
// needing more windowed queries than a question may spend is refused at once with the count, the
// time at Azure's pace and what to ask instead; no query is sent for it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startArmFake, type ArmFake } from "../fakes/arm.js";
import { askAzure } from "./azure-cli-run.js";

const RG = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ai-prod";
let fake: ArmFake;
beforeAll(async () => {
  fake = await startArmFake({ today: "2025-11-27" });
});
afterAll(() => fake.close());

const costbot = (...args: string[]) => askAzure(fake.url, RG, args);

describe("costbot ask --source azure with a long history", () => {
  it("refuses since 1900-01-01 with how many queries, how long, and what to ask instead, sending none", async () => {
    const r = await costbot("since 1900-01-01");
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    // Compared with the same span before it, the question reads from 1774-01-01: 1774-01-01..2025-08-31
    // (the part before the recent window, which starts 2025-09-01) is 91,919 days, 252 windows of 365.
    expect(r.err).toMatch(
      /^costbot: Answering this reads Azure costs from 1774-01-01 to 2025-11-27 \(the asked range and any period it is compared with\): 252 Cost Management queries, one per year of history; at Azure's pace of about 3 a minute that is about 84 minutes, and costbot spends at most 4 on one question\./,
    );
    // 2025-09-01 less 4 x 365 days.
    expect(r.err).toMatch(/costs from 2021-09-02 on are read at once\), or point costbot at Azure's scheduled cost exports \(COSTBOT_SOURCE=/);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(fake.of("query")).toHaveLength(0);
  });
});
