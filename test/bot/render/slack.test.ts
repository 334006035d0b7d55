import { describe, expect, it } from "vitest";
import { formatMoney } from "../../../src/bot/render/format.js";
import { renderSlack, SLACK_LIMITS, type SlackBlock } from "../../../src/bot/render/slack.js";
import { escapeMrkdwn, truncateMrkdwn } from "../../../src/bot/render/slack-escape.js";
import { helpReport as realHelp } from "../../../src/bot/help.js";
import type { SpendReport } from "../../../src/bot/report.js";
import {
  errorReport,
  helpReport,
  hostileErrorReport,
  hostileReport,
  manyModelsReport,
  marketplaceZeroReport,
  normalReport,
} from "../../fixtures/reports.js";
import { expectGolden } from "./golden.js";

type TextObject = { type: "mrkdwn" | "plain_text"; text: string };

/** Every Slack text object anywhere in the blocks. */
function textObjects(value: unknown, out: TextObject[] = []): TextObject[] {
  if (Array.isArray(value)) value.forEach((v) => textObjects(v, out));
  else if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if ((o.type === "mrkdwn" || o.type === "plain_text") && typeof o.text === "string") out.push(o as TextObject);
    else Object.values(o).forEach((v) => textObjects(v, out));
  }
  return out;
}

function checkLimits(blocks: SlackBlock[]): void {
  expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  for (const t of textObjects(blocks)) {
    expect(t.text.length).toBeGreaterThan(0);
    expect(t.text.length).toBeLessThanOrEqual(SLACK_LIMITS.text);
  }
  for (const b of blocks as Array<Record<string, any>>) {
    if (b.type === "header") expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.header);
    if (b.fields) {
      expect(b.fields.length).toBeLessThanOrEqual(SLACK_LIMITS.fields);
      for (const f of b.fields) expect(f.text.length).toBeLessThanOrEqual(SLACK_LIMITS.field);
    }
    if (b.type === "actions") {
      expect(b.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.actions);
      for (const e of b.elements) {
        expect(e.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
        expect(e.value.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
      }
    }
  }
}

describe("renderSlack", () => {
  it.each([
    ["normal", normalReport],
    ["marketplace-zero", marketplaceZeroReport],
    ["many-models", manyModelsReport],
  ])("matches the golden message for the %s report", (name, report) => {
    expectGolden(`${name}.slack.json`, renderSlack(report));
  });

  it("opens with a header and a section with total, change and both channels as fields", () => {
    const { blocks } = renderSlack(marketplaceZeroReport) as { blocks: Array<Record<string, any>> };
    expect(blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: "AI model spend · This month", emoji: true } });
    expect(blocks[2].fields.map((f: TextObject) => f.text)).toEqual([
      "*Total*\n$4,323.46",
      "*Change*\nn/a vs 1–27 Oct 2025 ($0.00)",
      "*Microsoft*\n$4,323.46 · Prepayment eligible",
      "*Marketplace*\n$0.00 · not payable with Prepayment",
    ]);
  });

  it("shows the same total the report holds, in the card and in the fallback text", () => {
    for (const r of [normalReport, marketplaceZeroReport, manyModelsReport]) {
      const msg = renderSlack(r) as { text: string; blocks: Array<Record<string, any>> };
      const total = formatMoney(r.total, r.currency);
      expect(msg.blocks[2].fields[0].text).toBe(`*Total*\n${total}`);
      expect(msg.text).toContain(total);
    }
  });

  it("offers one button per action that asks its command", () => {
    const actions = renderSlack(normalReport).blocks.find((b) => b.type === "actions") as Record<string, any>;
    expect(actions.elements).toEqual(
      normalReport.actions.map((a) => ({
        type: "button",
        text: { type: "plain_text", text: a.label, emoji: true },
        action_id: `costbot_${a.id}`,
        value: a.command,
      })),
    );
  });

  it("keeps a 200-model answer within Block Kit limits and rolls up the tail", () => {
    const { blocks } = renderSlack(manyModelsReport);
    checkLimits(blocks);
    const all = textObjects(blocks)
      .map((t) => t.text)
      .join("\n");
    expect(all.match(/fine-tuned-model/g)).toHaveLength(25);
    expect(all).toContain("…and 175 more: $");
    expect(all).toContain("…and 2 more warnings");
  });

  it("stays within limits with huge keys, labels, warnings and too many buttons", () => {
    const long = "x".repeat(5000);
    const report: SpendReport = {
      ...manyModelsReport,
      range: { ...manyModelsReport.range, label: long },
      groups: manyModelsReport.groups.map((g) => ({ ...g, key: `<${long}>` })),
      warnings: Array.from({ length: 30 }, () => `&${long}`),
      source: long,
      actions: Array.from({ length: 40 }, (_, i) => ({ id: `a${i}`, label: long, command: i === 0 ? long : `cmd ${i}` })),
    };
    const { text, blocks } = renderSlack(report);
    checkLimits(blocks);
    expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.text);
  });

  it("escapes data so <!channel> and <http://x|y> cannot ping or link", () => {
    const msg = renderSlack(hostileReport);
    const texts = [
      msg.text,
      ...textObjects(msg.blocks)
        .filter((t) => t.type === "mrkdwn")
        .map((t) => t.text),
    ];
    for (const t of texts) expect(t).not.toMatch(/[<>]/);
    const all = texts.join("\n");
    expect(all).toContain("*&lt;!channel&gt;*");
    expect(all).toContain("*&lt;http://x|y&gt;*");
    expect(all).toContain(":warning: &lt;!channel&gt; meter &lt;http://x|y&gt; looked odd &amp; was kept");
    expect(all).toContain("source: export &lt;http://evil.example|click me&gt;");
    expect(all).toContain("Filtered to model &lt;!here&gt;");
  });

  it("escapes error messages and hints", () => {
    const msg = renderSlack(hostileErrorReport);
    const all = [msg.text, ...textObjects(msg.blocks).map((t) => t.text)].join("\n");
    expect(all).not.toMatch(/[<>]/);
    expect(all).toContain("Unknown word &lt;!channel&gt; near &lt;http://x|y&gt;");
  });

  it("renders errors and help as short specific messages", () => {
    expect(renderSlack(errorReport)).toEqual({
      text: 'Could not answer: I could not read "fortnight" as a date.',
      blocks: [
        { type: "section", text: { type: "mrkdwn", text: ':warning: *Could not answer:* I could not read "fortnight" as a date.' } },
        { type: "context", elements: [{ type: "mrkdwn", text: 'Try "last 14 days" or "2025-11-01 to 2025-11-14".' }] },
      ],
    });
    const help = renderSlack(helpReport);
    checkLimits(help.blocks);
    expect(help.text).toBe("Ask what your AI models cost in Azure.");
    checkLimits(renderSlack(realHelp()).blocks);
    expect(textObjects(help.blocks).map((t) => t.text)).toContain("*Dates*\n`today`  ·  `this week`  ·  `last month`  ·  `2025-11-01 to 2025-11-15`");
  });
});

describe("slack escaping helpers", () => {
  it.each([
    ["a & b", "a &amp; b"],
    ["<!channel>", "&lt;!channel&gt;"],
    ["<@U123|bob>", "&lt;@U123|bob&gt;"],
    ["&lt;", "&amp;lt;"],
  ])("escapes %s as %s", (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });

  it("does not cut an entity in half when truncating", () => {
    const escaped = escapeMrkdwn("ab<<<<");
    expect(truncateMrkdwn(escaped, 6)).toBe("ab…");
    expect(truncateMrkdwn(escaped, 9)).toBe("ab&lt;…");
  });
});
