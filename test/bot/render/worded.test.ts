import { describe, expect, it } from "vitest";
import type { WordedCard } from "../../../src/bot/render/worded.js";
import { wordedSlack } from "../../../src/bot/render/worded-slack.js";
import { wordedTeams } from "../../../src/bot/render/worded-teams.js";
import { wordedText } from "../../../src/bot/render/worded-text.js";

const card: WordedCard = {
  title: "Card <title>",
  headline: "Card: $5.00 & more",
  figure: {
    label: "Today",
    value: "$5.00",
    notes: [
      { text: "▲ 1% vs Mon", tone: "rise" },
      { text: "▼ 2% vs last Mon", tone: "subtle" },
    ],
    parts: [{ label: "A", value: "$3.00", detail: "part of it" }],
  },
  fields: [{ label: "Month", value: "$9.00", more: { label: "Azure", text: "Azure says $10.00" } }],
  lists: [
    {
      title: "Marked",
      items: [
        { text: "over one", mark: "over" },
        { text: "fine", mark: "ok" },
      ],
    },
    { title: "Empty", items: [] },
    { title: "Plain", items: [{ text: "<!channel> p" }] },
  ],
  notes: [...["n1", "n2", "n3", "n4", "n5", "n6"].map((text) => ({ text, tone: "info" as const })), { text: "warn", tone: "warning" }],
  freshness: "Fresh",
  warnings: ["<@U1> look"],
};

describe("worded card", () => {
  it("reads as text: a table, its extra lines, marked and plain lists, every note", () => {
    expect(wordedText(card)).toBe(
      [
        "Card <title>",
        "",
        "Today  $5.00   ▲ 1% vs Mon · ▼ 2% vs last Mon",
        "A      $3.00   part of it",
        "Month  $9.00",
        "Azure says $10.00",
        "",
        "Marked",
        "  ! over one",
        "    fine",
        "",
        "Plain",
        "  <!channel> p",
        "",
        "n1",
        "n2",
        "n3",
        "n4",
        "n5",
        "n6",
        "warn",
        "Fresh",
        "! <@U1> look",
      ].join("\n"),
    );
  });

  it("draws Slack blocks: the figure beside the first field, escaped words, five info notes", () => {
    const m = wordedSlack(card);
    expect(m.text).toBe("Card: $5.00 &amp; more");
    expect(m.blocks.map((b) => b.type)).toEqual(["header", "section", "section", "section", ...Array(7).fill("context"), "section"]);
    expect((m.blocks[1].fields as Array<{ text: string }>).map((f) => f.text)).toEqual([
      "*Today*\n$5.00\n▲ 1% vs Mon\n▼ 2% vs last Mon",
      "*Month*\n$9.00\nAzure says $10.00",
      "*A*\n$3.00 · part of it",
    ]);
    expect(JSON.stringify(m.blocks[2])).toContain("• :red_circle: over one\\n• fine");
    expect(JSON.stringify(m.blocks[3])).toContain("• &lt;!channel&gt; p");
    expect(JSON.stringify(m.blocks.slice(4, 11))).not.toContain("n6");
    expect(JSON.stringify(m.blocks[9])).toContain(":warning: warn");
    expect(JSON.stringify(m.blocks[11])).toContain(":warning: &lt;@U1&gt; look");
  });

  it("draws a Teams card: parts and fields as facts, the change colored, five info notes", () => {
    const body = wordedTeams(card).body;
    expect(body[2]).toEqual({
      type: "FactSet",
      facts: [
        { title: "A", value: "$3.00 · part of it" },
        { title: "Month", value: "$9.00" },
        { title: "Azure", value: "Azure says $10.00" },
      ],
    });
    expect(JSON.stringify(body[1])).toContain('"text":"▲ 1% vs Mon","wrap":true,"color":"Attention"');
    const lists = body.filter((e) => e.type === "Container" && e.separator);
    expect(lists).toHaveLength(3);
    expect(JSON.stringify(lists[2])).not.toContain("n6");
    expect(JSON.stringify(lists[2])).toContain('"text":"warn","color":"Warning"');
  });
});
