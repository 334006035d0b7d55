// Export benchmark: `costbot ask --source <1M-row EA export> --format json "last month by model"`
// against DuckDB (read_csv + GROUP BY, by meter and by costbot's own keys) on the same file, same
// question; checks the totals agree to the cent and reports wall time, CPU time and peak RSS of
// each child. `--file <.parquet>` runs it on another export (the FOCUS Parquet). See bench/README.md.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseAmount, toCents } from "../src/cost/money.js";
import { generateExport } from "./generate-export.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const ROWS = Number(arg("rows", "1000000"));
const RUNS = Number(arg("runs", "3"));
const GENERATED = `${ROOT}bench/out/ea-actualcost-${ROWS}.csv`;
const FILE = arg("file", GENERATED);
// Data spans 2025-09-01..2025-10-30; "last month" at this clock is October 2025.
const NOW = "2025-11-05T12:00:00Z";
const FROM = "2025-10-01";
const TO = "2025-10-31";
// The answer compares with the previous period (September), so the CLI reads both months.
const PREV_FROM = "2025-09-01";
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

interface Run {
  wallMs: number;
  rssMb: number | null;
  cpuS: number | null;
  stdout: string;
}

function timeChild(args: string[]): Promise<Run> {
  const [cmd, argv] = TIME ? [TIME, ["-v", process.execPath, ...args]] : [process.execPath, args];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, argv, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const wallMs = performance.now() - t0;
      if (code !== 0) return reject(new Error(`${args.join(" ")} exited ${code}: ${err.slice(-2000)}`));
      const num = (re: RegExp) => (re.exec(err) ? Number(re.exec(err)![1]) : null);
      const rssKb = num(/Maximum resident set size \(kbytes\): (\d+)/) ?? childRss(out);
      const user = num(/User time \(seconds\): ([\d.]+)/);
      const sys = num(/System time \(seconds\): ([\d.]+)/);
      resolve({ wallMs, rssMb: rssKb === null ? null : rssKb / 1024, cpuS: user === null ? null : user + (sys ?? 0), stdout: out });
    });
  });
}

/** Without /usr/bin/time, the bench children print process.resourceUsage().maxRSS themselves. */
function childRss(stdout: string): number | null {
  try {
    return (JSON.parse(stdout) as { maxRssKb?: number }).maxRssKb ?? null;
  } catch {
    return null;
  }
}

function cliWorks(): boolean {
  // Time the CLI as users run it after `npm ci`: from the compiled build, not the TypeScript loader.
  const build = spawnSync("npm", ["run", "-s", "build"], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
  if (build.status !== 0) console.warn(`npm run build failed; bin/costbot.js needs dist/:\n${build.stderr}`);
  const r = spawnSync(process.execPath, ["bin/costbot.js", "ask", "--help"], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  return r.status === 0;
}

/** Total in cents from a costbot answer: the CLI's JSON report, or the interim script's exact sums. */
function costbotCents(stdout: string, viaCli: boolean): { cents: bigint; exact: boolean; groups: number } {
  const j = JSON.parse(stdout);
  if (viaCli) {
    // total (AI) and otherCost are each rounded to cents, so their sum may be a cent off the exact one.
    const cents = BigInt(Math.round(j.total * 100)) + BigInt(Math.round((j.otherCost ?? 0) * 100));
    return { cents, exact: false, groups: j.groups.length };
  }
  const pico = (j.groups as { pico: string }[]).reduce((t, g) => t + BigInt(g.pico), 0n);
  return { cents: toCents(pico), exact: true, groups: j.groups.length };
}

function duckCents(stdout: string): { cents: bigint; groups: number } {
  const j = JSON.parse(stdout) as { groups: { cost: string; current: boolean }[] };
  const current = j.groups.filter((g) => g.current);
  const pico = current.reduce((t, g) => t + (parseAmount(g.cost) ?? 0n), 0n);
  return { cents: toCents(pico), groups: current.length };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  if (FILE === GENERATED && (!existsSync(FILE) || process.argv.includes("--regen"))) {
    console.log(`generating ${ROWS} rows -> ${FILE}`);
    await generateExport({ out: FILE, rows: ROWS, start: "2025-09-01", days: 60 });
  }
  const viaCli = cliWorks();
  const costbotArgs = viaCli
    ? ["bin/costbot.js", "ask", "--source", FILE, "--format", "json", "--now", NOW, "last month by model"]
    : ["--import", "tsx", "bench/source-run.ts", FILE, PREV_FROM, TO];
  const duckArgs = ["bench/duckdb-run.mjs", FILE, FROM, TO, PREV_FROM, "meter"];
  const sameArgs = ["bench/duckdb-run.mjs", FILE, FROM, TO, PREV_FROM, "same"];
  console.log(viaCli ? "costbot: the CLI (bin/costbot.js ask)" : "costbot: CLI not ready; timing bench/source-run.ts");

  const loadBefore = loadavg()[0];
  const costbot: Run[] = [];
  const duck: Run[] = [];
  const same: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Alternate so all see the same page cache and the same background load.
    duck.push(await timeChild(duckArgs));
    same.push(await timeChild(sameArgs));
    costbot.push(await timeChild(costbotArgs));
    const s = (r: Run) => `${(r.wallMs / 1000).toFixed(2)} s (cpu ${r.cpuS?.toFixed(1)} s, ${r.rssMb?.toFixed(0)} MB)`;
    console.log(`run ${i + 1}: duckdb by meter ${s(duck[i])}, duckdb by costbot's keys ${s(same[i])}, costbot ${s(costbot[i])}`);
  }
  const c = costbotCents(costbot[0].stdout, viaCli);
  const d = duckCents(duck[0].stdout);
  const d2 = duckCents(same[0].stdout);
  if (d2.cents !== d.cents) console.error(`duckdb by meter ${d.cents} and by costbot's keys ${d2.cents} cents differ`);
  const diff = c.cents - d.cents;
  const agree = c.exact ? diff === 0n : diff >= -1n && diff <= 1n;
  const summary = {
    rows: ROWS,
    mode: viaCli ? "cli" : "source-script",
    costbot: {
      wallS: median(costbot.map((r) => r.wallMs)) / 1000,
      cpuS: median(costbot.map((r) => r.cpuS ?? NaN)),
      peakRssMb: Math.max(...costbot.map((r) => r.rssMb ?? 0)),
    },
    duckdb: {
      wallS: median(duck.map((r) => r.wallMs)) / 1000,
      cpuS: median(duck.map((r) => r.cpuS ?? NaN)),
      peakRssMb: Math.max(...duck.map((r) => r.rssMb ?? 0)),
    },
    duckdbSameKeys: {
      wallS: median(same.map((r) => r.wallMs)) / 1000,
      cpuS: median(same.map((r) => r.cpuS ?? NaN)),
      peakRssMb: Math.max(...same.map((r) => r.rssMb ?? 0)),
    },
    wallRatio: median(costbot.map((r) => r.wallMs)) / median(duck.map((r) => r.wallMs)),
    wallRatioSameKeys: median(costbot.map((r) => r.wallMs)) / median(same.map((r) => r.wallMs)),
    // Other sessions share this machine: their load stretches both wall times.
    loadAverage: { before: loadBefore, after: loadavg()[0] },
    totals: { costbotCents: c.cents.toString(), duckdbCents: d.cents.toString(), agree },
  };
  console.log(JSON.stringify(summary, null, 2));
  await writeFile(`${ROOT}bench/out/last-run.json`, JSON.stringify(summary, null, 2));
  if (!agree) {
    console.error(`totals differ: costbot ${c.cents} cents, duckdb ${d.cents} cents`);
    process.exitCode = 1;
  }
}

await main();
