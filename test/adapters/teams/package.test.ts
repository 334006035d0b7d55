// The Teams app package: manifest valid against the Teams schema of its declared version (shipped
// in @microsoft/app-manifest), the zip readable with the right three files, icons of the right size.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv } from "ajv";
import { unzipSync } from "fflate";
import { describe, expect, it, onTestFinished } from "vitest";
import { buildManifest, buildTeamsPackage } from "../../../scripts/package-teams.js";
import { pngSize } from "../../../scripts/png.js";

const APP_ID = "0f0e0d0c-1111-4222-8333-444455556666";
const require = createRequire(import.meta.url);

/** The package's files through fflate's reader (entry order kept, sizes checked against the directory). */
function unzip(buf: Buffer): Map<string, Buffer> {
  return new Map(Object.entries(unzipSync(buf)).map(([name, data]) => [name, Buffer.from(data)]));
}

/** The Teams schema for the manifest's declared version, from @microsoft/app-manifest (offline). */
function teamsSchemaValidator(version: string) {
  const path = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`);
  // Draft-04 document; it uses no keyword whose meaning changed since, so Ajv's default draft reads it.
  const { $schema: _draft, ...schema } = JSON.parse(readFileSync(path, "utf8"));
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat("uri", (s: string) => URL.canParse(s));
  return ajv.compile(schema);
}

describe("Teams app package", () => {
  it("has a manifest that validates against the Teams schema of its declared version", () => {
    const manifest = buildManifest({ appId: APP_ID, domain: "costbot.example.com" });
    const validate = teamsSchemaValidator(String(manifest.manifestVersion));
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("rejects what the schema rejects (the validator is not a rubber stamp)", () => {
    const manifest = buildManifest({ appId: APP_ID });
    const validate = teamsSchemaValidator(String(manifest.manifestVersion));
    expect(validate({ ...manifest, id: "not-a-guid" })).toBe(false);
    expect(validate({ ...manifest, bots: [{ botId: APP_ID, scopes: ["everywhere"] }] })).toBe(false);
  });

  it("declares the bot for personal, team and group chat with the command list", () => {
    const manifest = buildManifest({ appId: APP_ID, domain: "costbot.example.com" }) as {
      id: string;
      bots: Array<{ botId: string; scopes: string[]; commandLists: Array<{ scopes: string[]; commands: Array<{ title: string }> }> }>;
      validDomains: string[];
    };
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.bots[0].scopes.sort()).toEqual(["groupChat", "personal", "team"]);
    expect(manifest.bots[0].commandLists[0].scopes.sort()).toEqual(["groupChat", "personal", "team"]);
    expect(manifest.bots[0].commandLists[0].commands.map((c) => c.title)).toEqual(["this week", "last month by model", "budgets", "digest", "help"]);
    expect(manifest.validDomains).toEqual(["costbot.example.com"]);
    expect(JSON.stringify(manifest)).not.toContain("${{");
  });

  it("refuses an app id that is not a GUID and a domain that is not a host", () => {
    expect(() => buildManifest({ appId: "my-bot" })).toThrow(/MicrosoftAppId must be .* GUID/);
    expect(() => buildManifest({ appId: APP_ID, domain: "https://x.example.com/api" })).toThrow(/--domain/);
  });

  it("zips manifest.json, color.png (192x192) and outline.png (32x32) at the root", () => {
    const files = unzip(buildTeamsPackage({ appId: APP_ID }));
    expect([...files.keys()]).toEqual(["manifest.json", "color.png", "outline.png"]);
    expect(JSON.parse(files.get("manifest.json")!.toString("utf8")).id).toBe(APP_ID);
    expect(pngSize(files.get("color.png")!)).toEqual({ width: 192, height: 192 });
    expect(pngSize(files.get("outline.png")!)).toEqual({ width: 32, height: 32 });
  });

  it("draws the outline icon white on transparent, as Teams requires", () => {
    const png = readFileSync(new URL("../../../manifest/teams/outline.png", import.meta.url));
    // IDAT of our encoder: one chunk, filter byte + RGBA per row.
    const idat = png.indexOf("IDAT");
    const rows = require("node:zlib").inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
    const colours = new Set<string>();
    for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) colours.add(rows.subarray(y * 129 + 1 + x * 4, y * 129 + 5 + x * 4).join(","));
    expect([...colours].sort()).toEqual(["0,0,0,0", "255,255,255,255"]);
  });

  it("`npm run package:teams` writes the zip from MicrosoftAppId and exits 2 without it", () => {
    const dir = mkdtempSync(join(tmpdir(), "teams-pkg-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const out = join(dir, "appPackage.zip");
    const run = (env: Record<string, string>) =>
      spawnSync("npm", ["run", "-s", "package:teams", "--", "--out", out], {
        encoding: "utf8",
        env: { ...process.env, MicrosoftAppId: "", ...env },
      });
    const ok = run({ MicrosoftAppId: APP_ID });
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    expect([...unzip(readFileSync(out)).keys()]).toEqual(["manifest.json", "color.png", "outline.png"]);
    const missing = run({});
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toMatch(/^package:teams: MicrosoftAppId is not set/);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
  });
});
