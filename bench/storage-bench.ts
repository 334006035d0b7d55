// Azure Storage export benchmark: one FOCUS Parquet run (manifest + part, as Cost Management
// writes it) in Azurite; the server's path: first answer after a sync (download + DuckDB read),
// a second sync and a restart's sync (requests, blobs and bytes downloaded), then 1,000 repeated
// questions on the unchanged export, answered from memory (the cache folder is deleted first, so
// no file can be read), with or without the one-minute source cache
// (src/cost/sources/cached.ts, as createCostSource builds it). Bench-only: must not be imported by src/. See bench/README.md.
//   npx tsx bench/storage-bench.ts [--file bench/out/focus-10000000.snappy.parquet] [--repeats 1000] [--cache on|off]
import { readFile, mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { BlobServiceClient } from "@azure/storage-blob";
import { createBot } from "../src/bot/bot.js";
import { cachedSource } from "../src/cost/sources/cached.js";
import { parseStorageLocation } from "../src/cost/sources/storage/location.js";
import { createStorageCostSource } from "../src/cost/sources/storage/source.js";
import { startAzurite } from "../test/fakes/azurite.js";

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const FILE = arg("file", "bench/out/focus-10000000.snappy.parquet");
const REPEATS = Number(arg("repeats", "1000"));
// on: the one-minute source cache, as the server runs; off: every answer aggregates again.
const CACHE = arg("cache", "on") === "on";
const NOW = new Date("2025-11-05T12:00:00Z");
const QUESTIONS = ["last month by model", "last month by channel", "last month by resource", "last 7 days", "this month by meter"];

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

const azurite = await startAzurite();
try {
  const service = BlobServiceClient.fromConnectionString(azurite.connectionString);
  const container = service.getContainerClient("exports");
  await container.create();
  const folder = "focus/focus-cost/20251001-20251031/202511010944/3e3a0db7-4a48-402c-bd1d-ac07e0e339cf";
  const body = await readFile(FILE);
  await container.getBlockBlobClient(`${folder}/part_0_0001.snappy.parquet`).uploadData(body);
  const manifest = JSON.parse(
    await readFile("test/fixtures/reference/azure-storage-exports/manifest.real.focuscost-parquet-snappy.scheduled-month-close.json", "utf8"),
  );
  manifest.blobs = [{ blobName: `${folder}/part_0_0001.snappy.parquet`, byteCount: body.length, dataRowCount: null }];
  manifest.blobCount = 1;
  manifest.runInfo.startDate = "2025-10-01T00:00:00";
  await container.getBlockBlobClient(`${folder}/manifest.json`).uploadData(Buffer.from(JSON.stringify(manifest)));

  const cacheDir = await mkdtemp(join(tmpdir(), "costbot-storage-bench-"));
  const location = parseStorageLocation(`${azurite.blobUrl}/exports/focus`);
  const make = () => createStorageCostSource({ location, connectionString: azurite.connectionString, cacheDir, clock: () => NOW });
  const source = make();
  const bot = createBot({ costSource: CACHE ? cachedSource(source, { nowMs: () => NOW.getTime() }) : source, clock: () => NOW });

  let t0 = performance.now();
  const first = await source.sync();
  const syncMs = performance.now() - t0;
  t0 = performance.now();
  const answer = await bot.answer(QUESTIONS[0]);
  const firstAnswerMs = performance.now() - t0;
  if (answer.kind !== "spend") throw new Error(`unexpected answer: ${JSON.stringify(answer).slice(0, 300)}`);

  const second = await source.sync();
  const restart = await make().sync();
  // Nothing on disk any more: every further answer must come from memory.
  await rm(cacheDir, { recursive: true, force: true });
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t = performance.now();
    const r = await bot.answer(QUESTIONS[i % QUESTIONS.length]);
    times.push(performance.now() - t);
    if (r.kind === "error") throw new Error(`answer ${i} failed: ${r.message}`);
  }

  console.log(
    JSON.stringify(
      {
        file: FILE,
        bytes: (await stat(FILE)).size,
        firstSync: { ms: Math.round(syncMs), ...first.stats },
        firstAnswerMs: Math.round(firstAnswerMs),
        total: (answer as { total?: number }).total,
        repeated: {
          n: REPEATS,
          cache: CACHE,
          p50Ms: +pct(times, 50).toFixed(2),
          p99Ms: +pct(times, 99).toFixed(2),
          maxMs: +Math.max(...times).toFixed(2),
        },
        secondSync: second.stats,
        restartSync: restart.stats,
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      },
      null,
      2,
    ),
  );
} finally {
  await azurite.stop();
}
