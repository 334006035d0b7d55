import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const NOW = "2025-11-27T09:00:00Z";

function costbot(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/adapters/cli/run.ts", ...args], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("costbot ask (spawned)", () => {
  it("answers on demo data as a text card", () => {
    const r = costbot("ask", "--now", NOW, "this week");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/This week/);
    expect(r.out).toMatch(/Marketplace/);
  });

  it("prints the JSON contract with channels that add up to the total", () => {
    const r = costbot("ask", "--now", NOW, "--format", "json", "last month by channel");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.range).toEqual({ from: "2025-10-01", to: "2025-10-31", label: "Last month", complete: true });
    expect(report.previous).toMatchObject({ from: "2025-09-01", to: "2025-09-30", label: "The month before" });
    expect(report.groupBy).toBe("channel");
    expect(report.currency).toBe("USD");
    const cents = (n: number) => Math.round(n * 100);
    const channelCents = report.channels.reduce((s: number, c: { cost: number }) => s + cents(c.cost), 0);
    expect(channelCents).toBe(cents(report.total));
    expect(report.channels.map((c: { channel: string; prepaymentEligible: boolean }) => [c.channel, c.prepaymentEligible])).toEqual([
      ["microsoft", true],
      ["marketplace", false],
    ]);
    expect(report.total).toBeGreaterThan(0);
    expect(report.otherCost).toBeGreaterThan(0);
    expect(typeof report.dataAsOf).toBe("string");
  });

  it("reads date words in the asked zone", () => {
    // 23:30 UTC on Nov 27 is already Nov 28 in Berlin.
    const r = costbot("ask", "--now", "2025-11-27T23:30:00Z", "--tz", "Europe/Berlin", "--format", "json", "today");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).range).toMatchObject({ from: "2025-11-28", to: "2025-11-28" });
  });

  it("renders the Adaptive Card Teams would get and the Block Kit Slack would get", () => {
    const teams = costbot("ask", "--now", NOW, "--format", "teams", "yesterday by model");
    expect(teams.code).toBe(0);
    expect(JSON.parse(teams.out)).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
    const slack = costbot("ask", "--now", NOW, "--format", "slack", "yesterday by model");
    expect(slack.code).toBe(0);
    expect(Array.isArray(JSON.parse(slack.out).blocks)).toBe(true);
  });

  it("prints help for --help and for the word help", () => {
    expect(costbot("--help").out).toMatch(/ask/);
    // No command at all: the same help, not commander's "(outputHelp)".
    const bare = costbot();
    expect(bare.code).toBe(0);
    expect(bare.out).toMatch(/Usage: costbot/);
    expect(bare.out).toMatch(/ask \[options\] <words\.\.\.>/);
    expect(bare.err).toBe("");
    const r = costbot("ask", "help");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/last month/i);
  });

  const dir = mkdtempSync(join(tmpdir(), "costbot-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const noCostColumns = join(dir, "not-costs.csv");
  writeFileSync(noCostColumns, "Name,Colour\nalpha,red\n");

  it.each([
    ["an unknown zone", ["--tz", "Mars/Olympus", "today"], /Mars\/Olympus/],
    ["a malformed --now", ["--now", "next tuesday", "today"], /--now/],
    ["an impossible --now", ["--now", "2025-02-30T00:00:00Z", "today"], /--now/],
    ["an unknown format", ["--format", "pdf", "today"], /pdf/],
    ["reversed dates", ["--now", NOW, "2025-11-15 to 2025-11-01"], /2025-11-15|before|after|revers/i],
    ["an impossible date", ["--now", NOW, "2025-02-30 to 2025-03-02"], /2025-02-30/],
    ["an unknown word", ["--now", NOW, "this fortnight"], /fortnight/],
    ["a missing file", ["--source", join(dir, "nope.csv"), "today"], /nope\.csv/],
    ["a file with no cost columns", ["--source", noCostColumns, "--now", NOW, "today"], /not-costs\.csv/],
    ["an unknown option", ["--colour", "red", "today"], /colour/],
  ])("refuses %s with one line on stderr and exit code 2", (_name, args, pattern) => {
    const r = costbot("ask", ...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toMatch(pattern);
  });
});
