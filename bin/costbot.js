#!/usr/bin/env node
// Entry point for `npx costbot` and `npm start`: loads the TypeScript sources through tsx.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/adapters/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
