import { describe, expect, it } from "vitest";
import { formatMoney } from "../../../src/bot/render/format.js";
import { renderText } from "../../../src/bot/render/text.js";
import { errorReport, helpReport, hostileReport, manyModelsReport, marketplaceZeroReport, normalReport } from "../../fixtures/reports.js";
import { expectGolden } from "./golden.js";

describe("renderText", () => {
  it.each([
    ["normal", normalReport],
    ["marketplace-zero", marketplaceZeroReport],
    ["many-models", manyModelsReport],
  ])("matches the golden card for the %s report", (name, report) => {
    expectGolden(`${name}.txt`, renderText(report));
  });

  it("shows the title, total, change and both channels with their Prepayment note", () => {
    const lines = renderText(normalReport).split("\n");
    expect(lines[0]).toBe("AI model spend · This week (24–27 Nov 2025)");
    expect(lines).toContain("Total        $1,246.56   ▲ 13.4% vs 17–20 Nov 2025 ($1,099.00)");
    expect(lines).toContain("Microsoft    $1,100.01   Prepayment eligible");
    expect(lines).toContain("Marketplace    $146.55   not payable with Prepayment");
  });

  it("shows Marketplace even when it is zero, and n/a when the previous period cost nothing", () => {
    const text = renderText(marketplaceZeroReport);
    expect(text).toContain("Marketplace      $0.00   not payable with Prepayment");
    expect(text).toMatch(/\$4,323\.46 {3}n\/a vs 1–27 Oct 2025/);
  });

  it("aligns the group columns and rolls the tail into one line", () => {
    const lines = renderText(normalReport).split("\n");
    const head = lines.findIndex((l) => l.startsWith("Model"));
    const costEnd = lines[head].indexOf("Cost") + 4;
    for (const row of lines.slice(head + 1, head + 6)) expect(row.slice(0, costEnd)).toMatch(/\$[\d,]+\.\d\d$/);
    expect(lines[head + 5]).toMatch(/^gpt-4\.1 .* – +– +hourly \(PTU\)$/);
    expect(lines[head + 6]).toMatch(/^2 more: \$12\.00 +1\.0%$/);
  });

  it("lists at most 50 groups however many were asked for", () => {
    const text = renderText(manyModelsReport);
    expect(text.match(/fine-tuned-model/g)).toHaveLength(50);
    expect(text).toContain("150 more: $693,053.25");
  });

  it("ends with other costs, the trend, the freshness line and the warnings", () => {
    const lines = renderText(normalReport).split("\n");
    expect(lines.slice(-3)).toEqual([
      "Other costs in scope: $12.30 (Log Analytics, storage, ...; not in the total)",
      "Trend (daily) █▆█▅ 24 Nov – 27 Nov",
      "Data as of 27 Nov 2025 06:00 UTC (source: demo data)",
    ]);
    expect(renderText(marketplaceZeroReport).split("\n").at(-1)).toBe(
      "! Scope is a single AI Services resource: Marketplace costs are not included.",
    );
  });

  it("shows the filter under the title", () => {
    expect(renderText(hostileReport).split("\n")[1]).toBe("Filtered to model <!here>");
  });

  it("renders help and errors as short specific messages", () => {
    expect(renderText(errorReport)).toBe(
      'Could not answer: I could not read "fortnight" as a date.\nTry "last 14 days" or "2025-11-01 to 2025-11-14".',
    );
    expect(renderText({ kind: "error", message: "No such model: gpt-9" })).toBe("Could not answer: No such model: gpt-9");
    const help = renderText(helpReport);
    expect(help.split("\n")[0]).toBe("Ask what your AI models cost in Azure.");
    expect(help).toContain("Dates\n  today\n  this week");
  });

  it("shows the same total the report holds", () => {
    for (const r of [normalReport, marketplaceZeroReport, manyModelsReport]) {
      expect(renderText(r)).toContain(`Total        ${formatMoney(r.total, r.currency)}`);
    }
  });
});
