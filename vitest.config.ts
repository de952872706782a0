import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts"],
          environment: "node",
          // A throwaway PostgreSQL cluster for the contract suite's PostgreSQL backend.
          globalSetup: ["tests/support/postgres.ts"],
        },
      },
      {
        test: {
          name: "integration",
          include: ["tests/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          // With HOOKSCOPE_TEST_POSTGRES=1, every server stores in a database of this cluster. The API
          // document is built once for the run.
          globalSetup: ["tests/support/postgres.ts", "tests/support/openapi-document.ts"],
          // Every JSON answer of a test server under /api/ is checked against the API document.
          setupFiles: ["tests/support/answer-conformance.ts"],
          hookTimeout: 120_000,
          // Each file starts its own servers; two at a time suits a 2-core machine.
          maxWorkers: 2,
        },
      },
    ],
  },
});
