import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startArmFake, type ArmFake } from "../fakes/arm.js";
import { askAzure } from "./azure-cli-run.js";

const run = promisify(execFile);
const SUB = "/subscriptions/00000000-0000-0000-0000-000000000001";
const RG = `${SUB}/resourceGroups/rg-ai-prod`;
const GUID = "0c5a9b0e-8a1e-4f4e-9a55-3b1f2b7c9d10";
let fake: ArmFake;

const ai = { MeterCategory: "Cognitive Services", MeterSubcategory: "Azure OpenAI", PublisherType: "Azure", ResourceGroupName: "rg-ai-prod" };
const mistral = { PublisherType: "Marketplace", ConsumedService: "SaaS", ServiceName: "SaaS", ResourceGroupName: "rg-ai-prod" };

beforeAll(async () => {
  fake = await startArmFake({ today: "2025-11-27", pageSize: 2 });
  fake.setCosts(RG.toLowerCase(), [
    { date: "2025-11-24", cost: "0.145", quantity: 1000, dims: { ...ai, Meter: "gpt 4o 0513 Input global Tokens", UnitOfMeasure: "1K" } },
    { date: "2025-11-25", cost: "0.145", quantity: 1000, dims: { ...ai, Meter: "gpt 4o 0513 Input global Tokens", UnitOfMeasure: "1K" } },
    { date: "2025-11-26", cost: "0.145", quantity: 500, dims: { ...ai, Meter: "gpt 4o 0513 Output global Tokens", UnitOfMeasure: "1K" } },
    {
      date: "2025-11-26",
      cost: "12.50",
      dims: {
        ...mistral,
        Meter: `mistral-large-2411-${GUID}`,
        ResourceId: `/subscriptions/x/resourcegroups/rg-ai-prod/providers/microsoft.saas/resources/mistral-large-2411-${GUID}`,
      },
    },
    {
      date: "2025-11-26",
      cost: "4.00",
      dims: { MeterCategory: "Log Analytics", Meter: "Analytics Logs Data Ingestion", PublisherType: "Azure", ResourceGroupName: "rg-ai-prod" },
    },
  ]);
});
afterAll(() => fake.close());

const costbot = (...args: string[]) => askAzure(fake.url, RG, args);

describe("costbot ask --source azure (spawned, against a fake ARM)", () => {
  it("answers from Cost Management over every page, to the cent", async () => {
    const r = await costbot("--format", "json", "this week by channel");
    expect(r.err).toBe("");
    const report = JSON.parse(r.out);
    // 3 x 0.145 = 0.435 -> 0.44 (exact), + 12.50 Marketplace; Log Analytics kept apart.
    expect(report.total).toBe(12.94);
    expect(report.channels.map((c: { cost: number }) => c.cost)).toEqual([0.44, 12.5]);
    expect(report.otherCost).toBe(4);
    const queries = fake.of("query");
    expect(queries.length).toBeGreaterThan(1); // the first page and its nextLink pages
    expect(queries[0].query["api-version"]).toBe("2022-10-01");
    expect(queries[0].headers.clienttype).toMatch(/costbot/i);
  });

  it("projects the month end and lists Azure's budgets on the scopes", async () => {
    const forecast = await costbot("forecast");
    expect(forecast.err).toBe("");
    expect(forecast.out).toMatch(/^Forecast for November 2025: \$[\d,.]+ on AI models/);
    expect(forecast.out).toMatch(/Azure's forecast, all costs in scope/);
    expect(fake.of("forecast").length).toBeGreaterThan(0);
    const budgets = await costbot("budgets");
    expect(budgets.err).toBe("");
    expect(budgets.out).toMatch(/Azure budget ".+"/);
    expect(fake.of("budgets")[0].path.toLowerCase()).toContain(RG.toLowerCase());
  });

  it("says what is missing when COSTBOT_SCOPES is not set", async () => {
    const r = await run(process.execPath, ["--import", "tsx", "src/adapters/cli/run.ts", "ask", "--source", "azure", "today"], {
      env: { ...process.env, COSTBOT_SCOPES: "" },
    }).catch((e) => e as { code: number; stdout: string; stderr: string });
    expect(r).toMatchObject({ code: 2, stdout: "" });
    expect((r as { stderr: string }).stderr).toMatch(/COSTBOT_SCOPES/);
  });
});
