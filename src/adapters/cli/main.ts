// The `costbot` command: `ask` answers one question and exits; `serve` runs the bot server.
// Bad input: one line on stderr naming the problem, exit code 2, nothing on stdout.
import { Command, CommanderError } from "commander";
import { createBot } from "../../bot/bot.js";
import { cliCommands } from "./commands.js";
import { ConfigError, loadConfig } from "../../config.js";
import { isCostbotError } from "../../base/errors.js";
import { createMetricsSource } from "../../cost/metrics/index.js";
import { createCostSource } from "../../cost/sources/index.js";
import { validateAskOptions } from "./options.js";
import { createProgressLine, type ProgressLine } from "./progress.js";
import { renderFor } from "./render.js";

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  clock: () => Date;
  /** A progress line for long work (a TTY only). */
  progress?: ProgressLine;
}

const defaultIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  clock: () => new Date(),
  progress: createProgressLine(process.stderr),
};

/** Runs the CLI and resolves with the exit code. */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  let code = 0;
  const program = new Command("costbot")
    .description("Azure AI model spend, from Slack, Teams or the terminal.")
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: () => {}, outputError: () => {} });
  program
    .command("ask")
    .description('Answer one question, e.g. costbot ask "last month by channel"')
    .argument("<words...>", 'what to ask: date words, grouping, filters (try "help")')
    .option("--source <source>", "demo | azure | an export file or folder", "demo")
    .option("--now <iso>", "pin the clock, e.g. 2025-11-27T09:00:00Z")
    .option("--tz <zone>", "IANA time zone the date words are read in", "UTC")
    .option("--format <format>", "text | json | slack | teams", "text")
    .option("--cost <type>", "actual | amortized", "actual")
    .action(async (words: string[], raw: Record<string, string>) => {
      code = await ask(words.join(" "), raw, io);
    });
  program
    .command("serve")
    .description("Run the bot server (Slack, Teams, alerts, playground) on PORT (default 3978)")
    .action(async () => {
      const { serve } = await import("../../main/serve.js");
      code = await serve();
    });
  try {
    await program.parseAsync(argv, { from: "user" });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return 0;
      // No command given: commander "shows" help through writeErr (silenced above) and throws; say it on stdout.
      if (err.code === "commander.help") {
        io.out(program.helpInformation());
        return 0;
      }
      io.err(`costbot: ${err.message.replace(/^error: /, "")}\n`);
      return 2;
    }
    throw err;
  }
}

async function ask(text: string, raw: Record<string, string>, io: CliIo): Promise<number> {
  try {
    const opts = validateAskOptions(raw, io.clock);
    const config = loadConfig();
    const sourceOpts = {
      costType: opts.costType,
      clock: () => opts.now,
      scopes: config.scopes,
      azure: config.azure,
      storage: config.storage,
      // One answer per run: read only what this question needs.
      oneShot: true,
      progress: io.progress ? (line: string) => io.progress?.update(line) : undefined,
    };
    const costSource = await createCostSource(opts.source, sourceOpts);
    const metrics = await createMetricsSource(opts.source, sourceOpts);
    const bot = createBot({ costSource, metrics, clock: () => opts.now, tz: opts.tz, costType: opts.costType, commands: cliCommands });
    const report = await bot.answer(text).finally(() => io.progress?.done());
    if (report.kind === "error") {
      io.err(`costbot: ${oneLine(report.message)}\n`);
      return 2;
    }
    io.out(renderFor(opts.format, report) + "\n");
    return 0;
  } catch (err) {
    if (isCostbotError(err) || err instanceof ConfigError) {
      io.err(`costbot: ${oneLine(err.message)}\n`);
      return 2;
    }
    io.err(`costbot: unexpected failure: ${oneLine(err instanceof Error ? err.message : String(err))}\n`);
    return 1;
  }
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, " ").trim();
