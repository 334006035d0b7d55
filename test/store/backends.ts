// The two databases the store suite runs against. Each test asks for a fresh, empty database:
// SQLite a new file in a temp folder, PostgreSQL a new schema (search_path in the URL), dropped at the end.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

/** The server chosen by the globalSetup (test/store/postgres-server.ts): configured, local default, or embedded. */
const pgUrl = () => inject("pgUrl");

export interface Backend {
  /** A URL for openStore naming an empty database of its own; throws when the server is unreachable. */
  fresh(): Promise<string>;
  cleanup(): Promise<void>;
}

export function sqliteBackend(): Backend {
  let dir: string | undefined;
  let n = 0;
  return {
    async fresh() {
      dir ??= mkdtempSync(join(tmpdir(), "costbot-store-"));
      // A nested path, so every test also checks that the parent folder is created.
      return join(dir, `db${++n}`, "costbot.db");
    },
    async cleanup() {
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function postgresBackend(): Backend {
  const schemas: string[] = [];
  let admin: pg.Client | undefined;
  const connect = async () => {
    if (admin) return admin;
    const client = new pg.Client({ connectionString: pgUrl(), connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
    } catch (err) {
      // Not a skip: CI runs this half, so an unreachable server must fail every test.
      const shown = pgUrl().replace(/:[^:@/]*@/, ":***@");
      throw new Error(
        `PostgreSQL is not reachable at ${shown} (COSTBOT_TEST_DATABASE_URL; unset it to use a local or embedded server): ${String(err)}`,
        { cause: err },
      );
    }
    admin = client;
    return client;
  };
  return {
    async fresh() {
      const client = await connect();
      const schema = `costbot_test_${randomBytes(6).toString("hex")}`;
      await client.query(`CREATE SCHEMA ${schema}`);
      schemas.push(schema);
      const url = new URL(pgUrl());
      url.searchParams.set("options", `-c search_path=${schema}`);
      return url.toString();
    },
    async cleanup() {
      if (!admin) return;
      for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
      await admin.end();
    },
  };
}
