import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBot, type AskContext, type Bot } from "../../src/bot/bot.js";
import { createDigestCommand } from "../../src/digests/command.js";
import { readDigestWords } from "../../src/digests/words.js";
import { tokenize } from "../../src/bot/intent-words.js";
import { renderText } from "../../src/server/render.js";
import { createDemoCostSource } from "../../src/cost/sources/demo.js";
import { openStore } from "../../src/store/open.js";
import type { Store } from "../../src/store/types.js";

const NOW = new Date("2025-11-27T10:00:00Z");

describe("readDigestWords", () => {
  it.each([
    ["digest", { kind: "show" }],
    ["digest off", { kind: "off" }],
    ["/cost digest stop", { kind: "off" }],
    ["digest daily 09:00 Europe/Berlin", { kind: "set", cadence: "daily", time: "09:00", tz: "Europe/Berlin" }],
    ["digest daily at 9:05", { kind: "set", cadence: "daily", time: "09:05" }],
    ["digest daily 5:30pm utc", { kind: "set", cadence: "daily", time: "17:30", tz: "UTC" }],
    ["digest weekly mon 08:30", { kind: "set", cadence: "weekly", weekday: 1, time: "08:30" }],
    ["digest weekly at 08:30 on sunday America/New_York", { kind: "set", cadence: "weekly", weekday: 7, time: "08:30", tz: "America/New_York" }],
    ["digest friday 16:00", { kind: "set", cadence: "weekly", weekday: 5, time: "16:00" }],
  ])("reads %j", (text, expected) => {
    expect(readDigestWords(tokenize(text))).toEqual(expected);
  });

  it.each([
    ["digest daily 25:00", /"25:00" is not a time of day: use HH:MM .*00:00 to 23:59/],
    ["digest daily 09:75", /"09:75" is not a time of day/],
    ["digest daily 13pm", /"13pm" is not a time of day/],
    ["digest daily 09:00 Mars/Olympus", /"mars\/olympus" is not a time zone I know: use an IANA zone name like Europe\/Berlin/],
    ["digest daily 09:00 berlin", /"berlin" is not a time zone I know/],
    ["digest weekly funday 08:30", /"funday" is not a weekday: use mon, tue, wed, thu, fri, sat or sun/],
    ["digest weekly 08:30", /A weekly digest needs a weekday/],
    ["digest daily", /A digest needs a time of day/],
    ["digest hourly 09:00", /I don't know "hourly" in a digest command/],
  ])("names what is wrong in %j", (text, message) => {
    const r = readDigestWords(tokenize(text));
    expect(r?.kind).toBe("invalid");
    expect((r as { message: string }).message).toMatch(message);
  });

  it("leaves other messages alone", () => {
    expect(readDigestWords(tokenize("this week by model"))).toBeNull();
  });
});

describe("digest command", () => {
  let store: Store;
  let bot: Bot;
  const channel = (over: AskContext = {}): AskContext => ({
    platform: "slack",
    userId: "UADMIN",
    tz: "Europe/Berlin",
    target: { platform: "slack", address: "C0DIGEST" },
    ...over,
  });
  const make = (admins: string[]) =>
    createBot({ costSource: createDemoCostSource({ clock: () => NOW }), clock: () => NOW, commands: [createDigestCommand({ store, admins })] });

  beforeEach(async () => {
    store = await openStore(":memory:", { clock: () => NOW });
    bot = make(["UADMIN"]);
  });
  afterEach(() => store.close());

  it("sets a daily digest in the asker's zone and says when the next one comes", async () => {
    const r = await bot.answer("digest daily 09:00", channel());
    expect(r).toMatchObject({ kind: "notice", tone: "success", title: "Digest set: every day at 09:00 (Europe/Berlin)" });
    expect(renderText(r)).toContain("Next digest  Fri 28 Nov 09:00 Europe/Berlin");
    const target = await store.findTarget("slack", "C0DIGEST");
    expect(await store.getDigest(target!.id)).toMatchObject({ cadence: "daily", time: "09:00", tz: "Europe/Berlin", createdBy: "UADMIN" });
  });

  it("takes an explicit zone over the asker's, and UTC when the platform reports none", async () => {
    await bot.answer("digest weekly mon 08:30 america/new_york", channel());
    const t = await store.findTarget("slack", "C0DIGEST");
    expect(await store.getDigest(t!.id)).toMatchObject({ cadence: "weekly", weekday: 1, tz: "America/New_York" });
    const utc = createBot({
      costSource: createDemoCostSource({ clock: () => NOW }),
      clock: () => NOW,
      commands: [createDigestCommand({ store, admins: ["UADMIN"] })],
    });
    await utc.answer("digest daily 07:00", { ...channel(), tz: undefined });
    expect(await store.getDigest(t!.id)).toMatchObject({ cadence: "daily", tz: "UTC" });
  });

  it("shows the channel's digest to anyone, and turns it off for admins", async () => {
    await bot.answer("digest daily 09:00", channel());
    const shown = await bot.answer("digest", channel({ userId: "USOMEONE" }));
    expect(shown).toMatchObject({ kind: "notice", title: "Digest for this channel" });
    expect(renderText(shown)).toContain("every day at 09:00 (Europe/Berlin)");
    expect(await bot.answer("digest off", channel())).toMatchObject({ title: "Digest turned off for this channel" });
    expect(await bot.answer("digest", channel())).toMatchObject({ title: "No digest in this channel yet" });
    expect(await bot.answer("digest off", channel())).toMatchObject({ title: "This channel had no digest" });
  });

  it("refuses changes from non-admins, naming who can", async () => {
    const r = await bot.answer("digest daily 09:00", channel({ userId: "USOMEONE" }));
    expect(r).toMatchObject({ kind: "notice", tone: "warning", title: "Only admins can change digests" });
    expect(renderText(r)).toContain("UADMIN");
    expect(await store.listDigests()).toEqual([]);
  });

  it("says nobody is admin and how to set COSTBOT_ADMINS when the list is empty", async () => {
    const r = await make([]).answer("digest off", channel());
    expect(renderText(r)).toMatch(/No admins are configured yet[\s\S]*COSTBOT_ADMINS/);
  });

  it("answers that digests need a channel when the adapter gave none", async () => {
    const r = await bot.answer("digest daily 09:00", { userId: "UADMIN" });
    expect(r).toMatchObject({ kind: "error", message: expect.stringMatching(/Digests need a channel/) });
  });

  it("names the bad word with examples, before checking who asks", async () => {
    const r = await bot.answer("digest daily 25:00", channel({ userId: "USOMEONE" }));
    expect(r).toMatchObject({ kind: "error", message: expect.stringContaining('"25:00"'), hint: expect.stringContaining("digest weekly mon 08:30") });
  });

  it("lets cost questions through", async () => {
    expect((await bot.answer("yesterday", channel())).kind).toBe("spend");
  });
});
