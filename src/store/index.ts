// The store's public face: open one, and the types other modules program against.
// Callers import from here, never from a driver file.
export { openStore, redactDatabaseUrl } from "./open.js";
export type * from "./types.js";
