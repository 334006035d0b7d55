import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Picks the PostgreSQL for the store suite: COSTBOT_TEST_DATABASE_URL, the local default, or an embedded one.
    globalSetup: ["test/store/postgres-server.ts"],
    // A guard against hangs, not a speed limit: tests assert no durations (timings belong to bench/),
    // and spawned CLIs and servers under a loaded machine take what they take.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
