// Two syncs sharing one cache folder (the CLI and the server default to the same one): racing on
// one blob, each installs a whole file of its own; a state entry counts only for the file its
// writer installed; temp files a killed sync left behind go once an hour old. Azurite behind the
// holding proxy, so both downloads are provably mid-body at the same time.
import { readdir, readFile, rename, stat, utimes, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import type { SyncProgress } from "../../src/cost/sources/storage/sync.js";
import { exportHarness } from "./export-harness.js";
import { ACTUAL, ALL, cents, copies, total } from "./export-runs-fixture.js";

/** ACTUAL with the first row's cost 3.25 -> 4.25: the same size, so only the content tells them apart. */
const CHANGED = Buffer.from(ACTUAL.toString("utf8").replace(",1,3.25,3.25,3.25,USD,", ",1,3.25,4.25,3.25,USD,"));
const HELD = 65_536;

const h = exportHarness({ proxy: true });

/** A source syncing `url` into `cache`; `reached` settles once its download of a blob has passed `HELD` bytes. */
function syncer(url: string, cache: string) {
  let seen!: () => void;
  const reached = new Promise<void>((r) => (seen = r));
  const onProgress = (p: SyncProgress) => (p.current?.loaded ?? 0) >= HELD && seen();
  const source = h.sourceAt(url, cache, { onProgress });
  return { source, reached };
}

/** The temp files beside `file` (<file>.<pid>-<random>.part), by name. */
const temps = async (file: string) =>
  (await readdir(dirname(file)).catch(() => [])).filter((n) => n.startsWith(`${basename(file)}.`) && n.endsWith(".part")).sort();
/** Polled (a condition, not a sleep) until every temp file beside `file` holds the bytes it was sent. */
async function written(file: string) {
  const sizes = async () =>
    Promise.all(
      (await temps(file)).map((n) =>
        stat(join(dirname(file), n)).then(
          (s) => s.size,
          () => -1,
        ),
      ),
    );
  for (let s = await sizes(); s.length === 0 || s.some((n) => n !== HELD); s = await sizes()) await new Promise((r) => setTimeout(r, 5));
}
const actual = async (s: ReturnType<typeof syncer>["source"]) => total((await s.query({ ...ALL, costType: "actual" })).rows);

/**
 * Syncs A and B of one container into one cache folder, both holding the big blob's GET after HELD
 * bytes (written to disk), then lets A finish before B: `between` runs while A is held, before B lists.
 */
async function race(name: string, cache: string, blob: string, between: () => Promise<void> = async () => {}) {
  let releaseA!: () => void;
  let releaseB!: () => void;
  const url = `${h.proxy.url}/${name}/k`;
  const a = syncer(url, cache);
  const heldA = h.proxy.holdNext({ blob, afterBytes: HELD, until: new Promise<void>((r) => (releaseA = r)) });
  const syncedA = a.source.sync();
  await Promise.all([heldA, a.reached]);
  await between();
  const b = syncer(url, cache);
  const heldB = h.proxy.holdNext({ blob, afterBytes: HELD, until: new Promise<void>((r) => (releaseB = r)) });
  const syncedB = b.source.sync();
  await Promise.all([heldB, b.reached]);
  return { a: a.source, b: b.source, syncedA, syncedB, releaseA, releaseB };
}

describe("two syncs into one cache folder (Azurite)", () => {
  it("racing on one blob, each installs the whole blob and both total to the cent", async () => {
    const big = copies(ACTUAL, 200); // about 2.3 MB
    const { cache, blob, file } = await h.runWithBigPart("same", big);
    const r = await race("same", cache, blob);
    await written(file);

    r.releaseA();
    expect((await r.syncedA).stats).toEqual({ requests: 4, blobsDownloaded: 3, bytesDownloaded: expect.any(Number) });
    expect((await readFile(file)).equals(big)).toBe(true);
    // 201 copies of the reference rows (the gzip part and 200 in the big one): 201 x 8.545007786741 = 1717.55 dollars.
    expect(await actual(r.a)).toBe(171_755n);
    expect(await actual(r.a)).toBe(cents(copies(ACTUAL, 201), "Cost"));

    r.releaseB();
    // B found the manifest and the small part recorded by A: the listing and the big blob only.
    expect((await r.syncedB).stats).toEqual({ requests: 2, blobsDownloaded: 1, bytesDownloaded: big.length });
    expect((await readFile(file)).equals(big)).toBe(true);
    expect(await actual(r.b)).toBe(171_755n);

    // B's rename came last and B's entry names B's file: a third sync downloads nothing.
    const third = syncer(`${h.azurite.blobUrl}/same/k`, cache).source;
    expect((await third.sync()).stats).toEqual({ requests: 1, blobsDownloaded: 0, bytesDownloaded: 0 });
    expect(await actual(third)).toBe(171_755n);
    expect(await temps(file)).toEqual([]);
  });

  it("racing on one blob overwritten between the two listings, each installs the version it listed, never a mix", async () => {
    const v1 = copies(ACTUAL, 200);
    const v2 = copies(CHANGED, 200); // the same size; +1.00 dollar in each of the 200 copies
    expect(v2.length).toBe(v1.length);
    const { c, cache, blob, file } = await h.runWithBigPart("overwritten", v1);
    const r = await race("overwritten", cache, blob, () =>
      c
        .getBlockBlobClient(blob)
        .uploadData(v2)
        .then(() => {}),
    );
    await written(file);

    r.releaseA();
    await r.syncedA;
    expect((await readFile(file)).equals(v1)).toBe(true);
    expect(await actual(r.a)).toBe(171_755n);

    r.releaseB();
    await r.syncedB;
    expect((await readFile(file)).equals(v2)).toBe(true);
    expect(await actual(r.b)).toBe(191_755n); // 1717.55 + 200 x 1.00
    expect(await actual(r.b)).toBe(cents(ACTUAL, "Cost") + cents(v2, "Cost"));

    const third = syncer(`${h.azurite.blobUrl}/overwritten/k`, cache).source;
    expect((await third.sync()).stats).toEqual({ requests: 1, blobsDownloaded: 0, bytesDownloaded: 0 });
    expect(await actual(third)).toBe(191_755n);
  });

  it("a recorded blob whose file another writer replaced (same size and mtime) is downloaded again", async () => {
    const { cache, file } = await h.runWithBigPart("replaced", copies(ACTUAL, 2));
    const url = `${h.azurite.blobUrl}/replaced/k`;
    await syncer(url, cache).source.sync();
    // What a racing writer's later rename leaves: other content under this writer's etag, size and mtime.
    const { mtime } = await stat(file);
    await writeFile(`${file}.other`, copies(CHANGED, 2));
    await utimes(`${file}.other`, mtime, mtime);
    await rename(`${file}.other`, file);

    const next = syncer(url, cache).source;
    expect((await next.sync()).stats).toEqual({ requests: 2, blobsDownloaded: 1, bytesDownloaded: copies(ACTUAL, 2).length });
    expect(await actual(next)).toBe(2_564n); // 3 x 8.545007786741 = 25.635023... dollars
    expect(await actual(next)).toBe(cents(copies(ACTUAL, 3), "Cost"));
  });

  it("a sync removes temp files not written for over an hour and keeps fresh ones (a live download)", async () => {
    const { cache, root, file } = await h.runWithBigPart("abandoned", copies(ACTUAL, 2));
    const url = `${h.azurite.blobUrl}/abandoned/k`;
    await syncer(url, cache).source.sync();
    const old = [`${file}.4242-0badf00d.part`, join(root, ".costbot-sync.json.4242-0badf00d.part")];
    const fresh = `${file}.4243-5eed5eed.part`;
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    for (const p of old) {
      await writeFile(p, "cut");
      await utimes(p, twoHoursAgo, twoHoursAgo);
    }
    await writeFile(fresh, "still coming");

    const next = syncer(url, cache).source;
    expect((await next.sync()).stats).toEqual({ requests: 1, blobsDownloaded: 0, bytesDownloaded: 0 });
    expect(await temps(file)).toEqual([basename(fresh)]);
    expect((await readdir(root)).filter((n) => n.startsWith(".costbot-sync"))).toEqual([".costbot-sync.json"]);
    expect(await actual(next)).toBe(2_564n);
  });
});
