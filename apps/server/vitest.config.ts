import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Integration tests start real servers and databases: one file at a time keeps a 2-core machine honest.
    fileParallelism: false,
  },
});
