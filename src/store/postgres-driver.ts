// SqlDriver on pg: a pool per store; migrations serialised across processes by an advisory lock.
// `?` placeholders become $1..$n here. No better-sqlite3 here.
import pg from "pg";
import type { Migration, Row, SqlDriver } from "./driver.js";

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`;
// One lock for every costbot schema in the database: migrations are rare, so sharing it costs nothing.
const LOCK = "SELECT pg_advisory_lock(hashtext('costbot:migrations'))";
const UNLOCK = "SELECT pg_advisory_unlock(hashtext('costbot:migrations'))";

/** Rewrites `?` placeholders as `$1, $2, ...` (the store never puts `?` inside literals). */
export function toPositional(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export function createPostgresDriver(connectionString: string): SqlDriver {
  const pool = new pg.Pool({ connectionString });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on("error", () => {});

  return {
    dialect: "postgres",
    async all(sql, params = []) {
      return (await pool.query(toPositional(sql), params)).rows as Row[];
    },
    async run(sql, params = []) {
      return (await pool.query(toPositional(sql), params)).rowCount ?? 0;
    },
    async migrate(migrations: Migration[]) {
      const client = await pool.connect();
      let broken: Error | undefined;
      const applied: number[] = [];
      try {
        await client.query(LOCK);
        // Under the lock: concurrent CREATE TABLE IF NOT EXISTS can still collide in pg's catalog.
        await client.query(MIGRATIONS_TABLE);
        const done = new Set((await client.query("SELECT version FROM schema_migrations")).rows.map((r) => Number(r.version)));
        for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
          if (done.has(m.version)) continue;
          await client.query("BEGIN");
          try {
            await client.query(m.sql.postgres);
            await client.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [m.version, m.name, Date.now()]);
            await client.query("COMMIT");
          } catch (err) {
            await client.query("ROLLBACK").catch(() => {});
            throw err;
          }
          applied.push(m.version);
        }
        await client.query(UNLOCK);
        return applied;
      } catch (err) {
        broken = err as Error;
        throw err;
      } finally {
        // Releasing with an error destroys the connection, which also drops a lock still held.
        client.release(broken);
      }
    },
    async close() {
      await pool.end();
    },
  };
}
