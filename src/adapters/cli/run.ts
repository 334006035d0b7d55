// The process entry of the `costbot` command: runs the CLI on this process's arguments and sets the
// exit code. bin/costbot.js loads its compiled form (dist/); `npm run dev` and the tests run this file.
import { main } from "./main.js";

const argv = process.argv.slice(2);
const code = await main(argv);
if (argv.find((a) => !a.startsWith("-")) === "serve") process.exitCode = code;
else {
  // A one-shot command (`ask`, help) has written all it will: exit once stdout and stderr have taken
  // it, rather than wait for Node to tear down what is still open (DuckDB's instance: ~0.05 s).
  await Promise.all([process.stdout, process.stderr].map((s) => new Promise((flushed) => s.write("", flushed))));
  process.exit(code);
}
