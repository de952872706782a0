#!/usr/bin/env node
// @ts-check
// The `hookscope` command line. Plain JavaScript so that it runs on Node 20 without a build.
import { parseArgs, USAGE, UsageError } from "./args.mjs";
import { FatalError, forward } from "./forward.mjs";
import { ReplayFailed, runReplay } from "./replay.mjs";
import { recordJson, summaryLine, WaitFailed, waitForCapture } from "./wait.mjs";

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`hookscope: ${err.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (options.command === "wait") {
    try {
      const { json, ...filters } = options.wait;
      const record = await waitForCapture({ server: options.server, key: options.key, filters });
      process.stdout.write(`${json ? recordJson(record) : summaryLine(record)}\n`);
      return 0;
    } catch (err) {
      if (!(err instanceof WaitFailed)) throw err;
      process.stderr.write(`hookscope: ${err.message}\n`);
      return 1;
    }
  }
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  if (options.command === "replay") {
    try {
      const print = (/** @type {string} */ line) => process.stdout.write(`${line}\n`);
      const totals = await runReplay({ ...options, options: options.replay, print, signal: controller.signal });
      if (!options.replay.json) process.stderr.write(`${totals.sent} answered, ${totals.failed} failed\n`);
      return totals.failed === 0 ? 0 : 1;
    } catch (err) {
      if (controller.signal.aborted) {
        process.stderr.write("stopped\n");
        return 1;
      }
      if (!(err instanceof ReplayFailed)) throw err;
      process.stderr.write(`hookscope: ${err.message}\n`);
      return 1;
    }
  }
  try {
    await forward({ server: options.server, key: options.key, to: options.to, signal: controller.signal });
    process.stderr.write("stopped\n");
    return 0;
  } catch (err) {
    if (!(err instanceof FatalError)) throw err;
    process.stderr.write(`hookscope: ${err.message}\n`);
    return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`hookscope: ${err?.stack ?? err}\n`);
    process.exit(1);
  },
);
