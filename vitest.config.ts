import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Picks the PostgreSQL for the store suite: COSTBOT_TEST_DATABASE_URL, the local default, or an embedded one.
    globalSetup: ["test/store/postgres-server.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
