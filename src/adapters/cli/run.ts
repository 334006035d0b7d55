// The process entry of the `costbot` command: runs the CLI on this process's arguments and sets the
// exit code. bin/costbot.js loads its compiled form (dist/); `npm run dev` and the tests run this file.
import { main } from "./main.js";

process.exitCode = await main(process.argv.slice(2));
