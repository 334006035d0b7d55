import { describe, expect, it } from "vitest";
import { fromSlackText, splitVisibility } from "../../../src/adapters/slack/text.js";

describe("fromSlackText", () => {
  const cases: Array<[string, string | undefined, string]> = [
    ["<@UBOT> this week", "UBOT", "this week"],
    ["<@UBOT|costbot>   last month by channel", "UBOT", "last month by channel"],
    ["hey <@UBOT> mtd", "UBOT", "hey mtd"],
    ["<@UOTHER> asked <@UBOT> for this week", "UBOT", "@UOTHER asked for this week"],
    ["<@UANY> today", undefined, "today"],
    ["<!channel> this week", "UBOT", "@channel this week"],
    ["<!here|here> today", "UBOT", "@here today"],
    ["<!subteam^S123|@finops> today", "UBOT", "@finops today"],
    ["<#C123|general> yesterday", "UBOT", "#general yesterday"],
    ["see <http://x|y> please", "UBOT", "see y please"],
    ["see <https://example.com/a?b=1&amp;c=2>", "UBOT", "see https://example.com/a?b=1&c=2"],
    ["gpt-4o &lt;2025-11&gt; &amp; more", "UBOT", "gpt-4o <2025-11> & more"],
    ["&amp;lt;!channel&amp;gt;", "UBOT", "&lt;!channel&gt;"],
    ["", "UBOT", ""],
  ];
  it.each(cases)("reads %j as plain words", (input, bot, expected) => {
    expect(fromSlackText(input, bot)).toBe(expected);
  });
});

describe("splitVisibility", () => {
  const cases: Array<[string, string, "in_channel" | "ephemeral"]> = [
    ["this week", "this week", "ephemeral"],
    ["this week public", "this week", "in_channel"],
    ["last month by channel PUBLIC", "last month by channel", "in_channel"],
    ["public", "", "in_channel"],
    ["republic", "republic", "ephemeral"],
    ["public this week", "public this week", "ephemeral"],
    ["", "", "ephemeral"],
  ];
  it.each(cases)("reads %j as %j, %s", (input, words, visibility) => {
    expect(splitVisibility(input)).toEqual({ words, visibility });
  });
});
