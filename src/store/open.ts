// openStore: DATABASE_URL -> a migrated Store. postgres:// URLs use PostgreSQL; anything else
// (unset, a file path, ":memory:") is a SQLite file. Must not read process.env (config does).
import { CostbotError } from "../cost/errors.js";
import { createPostgresDriver } from "./postgres-driver.js";
import { createSqlStore } from "./sql-store.js";
import { createSqliteDriver } from "./sqlite-driver.js";
import type { Store, StoreOptions } from "./types.js";

export const DEFAULT_DATABASE_URL = "./data/costbot.db";

/** The URL with any password masked, for messages and logs. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]*:)[^@]*@/i, "$1***@");
}

export async function openStore(databaseUrl: string = DEFAULT_DATABASE_URL, opts: StoreOptions = {}): Promise<Store> {
  const url = databaseUrl.trim() || DEFAULT_DATABASE_URL;
  const postgres = /^postgres(ql)?:\/\//i.test(url);
  // sqlite:./x.db and file:./x.db are common spellings of a file path; accept them.
  const path = url.replace(/^(sqlite|file):(\/\/)?/i, "");
  try {
    return await createSqlStore(postgres ? createPostgresDriver(url) : createSqliteDriver(path), opts);
  } catch (err) {
    const why = err instanceof Error ? err.message || (err as { code?: string }).code || err.name : String(err);
    throw new CostbotError(`cannot open the database ${redactDatabaseUrl(url)}: ${why}`, "CONFIG", { cause: err });
  }
}
