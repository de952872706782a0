// `npm test`: lint, type-check, unit tests, a fresh production build, integration tests against
// the real server (on SQLite, then on PostgreSQL), the Playwright specs in Chromium, then the
// container image when podman is installed. Ends with one "N passed, N failed" line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const reports = path.join(root, "test-results", "reports");
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
let passed = 0;
let failed = 0;
const failures: string[] = [];

function step(name: string, command: string, args: string[], extraEnv: Record<string, string> = {}): boolean {
  console.log(`\n=== ${name}: ${command} ${args.join(" ")}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...env, ...extraEnv } });
  const ok = result.status === 0;
  console.log(
    `=== ${name}: ${ok ? "ok" : `FAILED (exit ${result.status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return ok;
}

function countVitest(file: string): void {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    testResults: {
      name: string;
      assertionResults: { status: string; fullName: string; failureMessages: string[] }[];
    }[];
  };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  for (const suite of report.testResults) {
    for (const test of suite.assertionResults) {
      if (test.status !== "failed") continue;
      const first = (test.failureMessages[0] ?? "").split("\n").slice(0, 3).join(" / ");
      failures.push(`${path.basename(file, ".json")}: ${path.relative(root, suite.name)} > ${test.fullName}: ${first}`);
    }
  }
}

function countPlaywright(file: string): void {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number };
  };
  passed += report.stats.expected + report.stats.flaky;
  failed += report.stats.unexpected;
  type Suite = { title: string; specs?: { title: string; ok: boolean; file: string }[]; suites?: Suite[] };
  const walk = (suite: Suite): void => {
    for (const spec of suite.specs ?? []) if (!spec.ok) failures.push(`e2e: ${spec.file} > ${spec.title}`);
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of (report as unknown as { suites: Suite[] }).suites ?? []) walk(suite);
}

const vitest = (project: string, report = project) => [
  "vitest",
  "run",
  "--project",
  project,
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${path.join(reports, `${report}.json`)}`,
];

let ok = step("lint", "npx", ["biome", "check", "."]);
ok = step("typecheck", "npx", ["tsc", "--noEmit"]) && ok;
ok = step("unit tests", "npx", vitest("unit")) && ok;
countVitest(path.join(reports, "unit.json"));
const built = step("build", "npm", ["run", "build"]);
ok = built && ok;
if (built) {
  ok = step("integration tests", "npx", vitest("integration")) && ok;
  countVitest(path.join(reports, "integration.json"));
  // The same suite again with every server on a fresh PostgreSQL database (tests/support/server.ts).
  ok =
    step("integration tests on PostgreSQL", "npx", vitest("integration", "integration-postgres"), {
      HOOKSCOPE_TEST_POSTGRES: "1",
    }) && ok;
  countVitest(path.join(reports, "integration-postgres.json"));
  const pwReport = path.join(reports, "e2e.json");
  ok =
    step("end-to-end tests", "npx", ["playwright", "test", "--reporter=list,json"], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: pwReport,
    }) && ok;
  countPlaywright(pwReport);
}

// The image builds from the sources on its own, so it does not wait on the build above.
if (spawnSync("podman", ["--version"], { stdio: "ignore" }).status === 0) {
  const imageOk = step("container image", "npx", ["tsx", "scripts/test-image.ts"]);
  if (imageOk) passed++;
  else failed++;
  ok = imageOk && ok;
} else {
  console.log("\n=== container image: skipped (podman is not installed)");
}

if (!ok && failed === 0) failed = 1;
// Repeated at the end so that the last lines of a long log say what failed.
if (failures.length > 0) console.log(`\nFailed:\n${failures.map((f) => `- ${f}`).join("\n")}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
