// SqlDriver on better-sqlite3: a file (WAL, parent folder created) or ":memory:".
// Synchronous underneath; wrapped in promises so it shares the async Store. No pg here.
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { Migration, Row, SqlDriver } from "./driver.js";

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`;

// better-sqlite3 refuses undefined and booleans; the store never means anything else by them.
const bind = (params: unknown[]) => params.map((p) => (p === undefined ? null : typeof p === "boolean" ? Number(p) : p));

export function createSqliteDriver(path: string): SqlDriver {
  const memory = path === ":memory:" || path === "";
  if (!memory) makeParents(dirname(path));
  const db = new Database(memory ? ":memory:" : path);
  // Another process may hold the write lock briefly (two instances on one file): wait, don't fail.
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  if (!memory) db.pragma("journal_mode = WAL");

  return {
    dialect: "sqlite",
    async all(sql, params = []) {
      const stmt = db.prepare(sql);
      if (stmt.reader) return stmt.all(...bind(params)) as Row[];
      stmt.run(...bind(params));
      return [];
    },
    async run(sql, params = []) {
      return db.prepare(sql).run(...bind(params)).changes;
    },
    async migrate(migrations: Migration[]) {
      db.exec(MIGRATIONS_TABLE);
      const applied: number[] = [];
      for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
        // IMMEDIATE takes the write lock before the check, so two processes cannot both apply m.
        const apply = db.transaction(() => {
          if (db.prepare("SELECT 1 FROM schema_migrations WHERE version = ?").get(m.version)) return false;
          db.exec(m.sql.sqlite);
          db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(m.version, m.name, Date.now());
          return true;
        });
        if (apply.immediate()) applied.push(m.version);
      }
      return applied;
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

/**
 * `mkdir -p` one level at a time. Node's recursive mkdir never returns for a folder under a path it
 * cannot create in, such as /proc (it retries ENOENT forever); one level at a time fails at once.
 */
function makeParents(dir: string): void {
  if (existsSync(dir)) return;
  makeParents(dirname(dir));
  try {
    mkdirSync(dir);
  } catch (err) {
    // Another process (a second instance on the same file) may have just made it.
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
}
