// Fault injection for the storage sync: the syncing process is killed (SIGKILL) halfway through a
// blob's body, and a blob is overwritten between the listing and its download. A proxy in front of
// Azurite (test/fakes/holding-h.proxy.ts) holds the chosen blob's GET and says so, so each fault lands at a known point.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { CostbotError } from "../../src/base/errors.js";
import { AZURITE_ACCOUNT } from "../fakes/azurite.js";
import { exportHarness, SYNC_RUN } from "./export-harness.js";
import { ACTUAL, ALL, cents, copies, total, uploadRun } from "./export-runs-fixture.js";

const h = exportHarness({ proxy: true });
const { container } = h;
const newCache = () => h.tempDir();
const source = (url: string, cacheDir: string) => h.sourceAt(url, cacheDir);
/** The blob names the cache's state file records as downloaded (none without one). */
const recorded = async (root: string) => Object.keys(await readFile(join(root, ".costbot-sync.json"), "utf8").then(JSON.parse, () => ({}))).sort();
/** The temp files beside `file` (<file>.<pid>-<random>.part), by name. */
const temps = async (file: string) =>
  (await readdir(dirname(file)).catch(() => [])).filter((n) => n.startsWith(`${basename(file)}.`) && n.endsWith(".part")).sort();

describe("storage sync under faults (Azurite)", () => {
  it("a sync killed mid-download: the restart takes no .part for the file, downloads only that blob and totals to the cent", async () => {
    const big = copies(ACTUAL, 200); // about 2.3 MB: one GET whose body the proxy cuts after 64 KiB
    const { cache, folder, blob, root, file } = await h.runWithBigPart("killed", big);
    const HELD = 65_536;

    const held = h.proxy.holdNext({ blob, afterBytes: HELD });
    const child = spawn(process.execPath, ["--import", "tsx", "test/cost/export-sync-child.ts"], {
      env: { ...process.env, CHILD_URL: `${h.proxy.url}/killed/k`, CHILD_CONNECTION: h.azurite.connectionString, CHILD_CACHE: cache },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.on("exit", (code, signal) => resolve({ code, signal })),
    );
    const early = exited.then((e) => Promise.reject(new Error(`the sync ended before the held download: ${JSON.stringify(e)}`)));
    await Promise.race([held, early]);
    // Inside the download: polled until the child has written every byte it was sent, wherever (a condition, not a sleep).
    const written = async () => {
      const paths = [file, ...(await temps(file)).map((n) => join(dirname(file), n))];
      return Math.max(
        ...(await Promise.all(
          paths.map((p) =>
            stat(p).then(
              (st) => st.size,
              () => 0,
            ),
          ),
        )),
      );
    };
    while ((await written()) !== HELD) await Promise.race([new Promise((r) => setTimeout(r, 5)), early]);
    child.kill("SIGKILL");
    expect((await exited).signal).toBe("SIGKILL");

    // What the kill left: a cut temp file named for the child beside no file, and a state file listing only the whole blobs.
    expect(existsSync(file)).toBe(false);
    const [left, ...more] = await temps(file);
    expect(more).toEqual([]);
    expect(left).toMatch(new RegExp(`^part_0_0002\\.csv\\.${child.pid}-[0-9a-f]{8}\\.part$`));
    expect((await stat(join(dirname(file), left))).size).toBe(HELD);
    expect(await recorded(root)).toEqual([`${folder}/manifest.json`, `${folder}/part_0_0001.csv.gz`]);

    const restarted = source(`${h.azurite.blobUrl}/killed/k`, cache);
    const { stats } = await restarted.sync();
    expect(stats).toEqual({ requests: 2, blobsDownloaded: 1, bytesDownloaded: big.length }); // the listing and the cut blob, nothing else
    expect((await stat(file)).size).toBe(big.length);
    // The restart's own temp became the file; the killed one stays until it is an hour old (it could be a live download).
    expect(await temps(file)).toEqual([left]);
    // 201 copies of the reference rows: 201 x 8.545007786741 = 1717.546565... dollars.
    const rows = (await restarted.query({ ...ALL, costType: "actual" })).rows;
    expect(total(rows)).toBe(171_755n);
    expect(total(rows)).toBe(cents(copies(ACTUAL, 201), "Cost"));
  });

  it("a blob overwritten between the listing and its download: one line naming it, nothing recorded, the next sync reads the new content", async () => {
    const c = await container("overwritten");
    const folder = await uploadRun(c, { ...SYNC_RUN, files: [{ name: "part_0_0001.csv", body: ACTUAL }] });
    const blob = `${folder}/part_0_0001.csv`;
    // The same size (so the size check cannot tell), one cost changed: 3.25 -> 4.25 in the first row.
    const changed = Buffer.from(ACTUAL.toString("utf8").replace(",1,3.25,3.25,3.25,USD,", ",1,3.25,4.25,3.25,USD,"));
    expect(changed.length).toBe(ACTUAL.length);
    expect(changed.equals(ACTUAL)).toBe(false);
    const cache = await newCache();
    const root = join(cache, AZURITE_ACCOUNT, "overwritten");
    const file = join(root, ...blob.split("/"));

    let release!: () => void;
    const held = h.proxy.holdNext({ blob, until: new Promise<void>((r) => (release = r)) });
    const s = source(`${h.proxy.url}/overwritten/k`, cache);
    const failed = s.sync().then(
      () => null,
      (e: unknown) => e,
    );
    await held; // listed with the old etag, its GET not yet at Azurite
    await c.getBlockBlobClient(blob).uploadData(changed);
    release();
    const err = await failed;
    expect(err).toBeInstanceOf(CostbotError);
    expect((err as Error).message).toBe(`Blob overwritten/${blob} changed while being downloaded (ConditionNotMet); nothing counted, try again.`);
    expect(existsSync(file)).toBe(false);
    expect(await temps(file)).toEqual([]);
    expect(await recorded(root)).toEqual([`${folder}/manifest.json`]);

    const next = await s.sync();
    expect(next.stats).toEqual({ requests: 2, blobsDownloaded: 1, bytesDownloaded: changed.length });
    const rows = (await s.query({ ...ALL, costType: "actual" })).rows;
    expect(total(rows)).toBe(955n); // 8.55 + 1.00
    expect(total(rows)).toBe(cents(changed, "Cost"));
  });
});
