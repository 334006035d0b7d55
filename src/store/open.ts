// openStore: DATABASE_URL -> a migrated Store. postgres:// URLs use PostgreSQL; anything else
// (unset, a file path, ":memory:") is a SQLite file. Takes the URL from config; never reads the environment itself.
import { CostbotError } from "../base/errors.js";
import type { SqlDriver } from "./driver.js";
import { createPostgresDriver } from "./postgres-driver.js";
import { createSqlStore } from "./sql-store.js";
import { createSqliteDriver } from "./sqlite-driver.js";
import type { Store, StoreOptions } from "./types.js";

const DEFAULT_DATABASE_URL = "./data/costbot.db";

/** The URL with any password masked, for messages and logs. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]*:)[^@]*@/i, "$1***@");
}

/** The driver a URL names, not yet migrated (openStore migrates). */
export function createDriver(databaseUrl: string): SqlDriver {
  const url = databaseUrl.trim() || DEFAULT_DATABASE_URL;
  if (/^postgres(ql)?:\/\//i.test(url)) return createPostgresDriver(url);
  // sqlite:./x.db and file:./x.db are common spellings of a file path; accept them.
  return createSqliteDriver(url.replace(/^(sqlite|file):(\/\/)?/i, ""));
}

export async function openStore(databaseUrl: string = DEFAULT_DATABASE_URL, opts: StoreOptions = {}): Promise<Store> {
  const url = databaseUrl.trim() || DEFAULT_DATABASE_URL;
  try {
    return await createSqlStore(createDriver(url), opts);
  } catch (err) {
    const why = err instanceof Error ? err.message || (err as { code?: string }).code || err.name : String(err);
    throw new CostbotError(`cannot open the database ${redactDatabaseUrl(url)} (DATABASE_URL): ${why}`, "CONFIG", { cause: err });
  }
}
