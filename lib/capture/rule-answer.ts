// Answering a capture by its bin's rules: resolved before the write (the record is stored with the
// capture, and the body is still readable then), sent after the commit like any capture answer.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CaptureBin } from "../bins/capture-lookup.ts";
import { rowDeliveryKey } from "../deliveries/key.ts";
import { getEnv } from "../env.ts";
import { needsAttempt } from "../rules/drill.ts";
import { findRule } from "../rules/match.ts";
import { RequestView } from "../rules/request-view.ts";
import { type Action, type Resolution, resolveAnswer } from "../rules/resolve.ts";
import type { AnswerRecord } from "../rules/schema.ts";
import { storage } from "../storage/index.ts";
import { isPreflight, sendCaptureAnswer } from "./answer.ts";
import type { CaptureRow } from "./writer-protocol.ts";

/** What a bin answers when no rule applies: its default response (a CORS preflight is answered 204). */
export function defaultAnswerRecord(bin: CaptureBin, req: IncomingMessage): AnswerRecord {
  const status = bin.response.cors && isPreflight(req) ? 204 : bin.response.status;
  return { ruleId: null, ruleName: null, status, failure: null };
}

const defaultAnswerJsons = new Map<number | null, string>();

/** defaultAnswerRecord as stored with a capture: one string per status, made once. */
export function defaultAnswerJson(bin: CaptureBin, req: IncomingMessage): string {
  const record = defaultAnswerRecord(bin, req);
  let json = defaultAnswerJsons.get(record.status);
  if (json === undefined) {
    json = JSON.stringify(record);
    defaultAnswerJsons.set(record.status, json);
  }
  return json;
}

/**
 * The answer a bin's rules give to a capture about to be written. Only a matched rule with a
 * fail-first drill costs a query: the count of the bin's captures of the same event so far.
 */
export async function resolveByRules(bin: CaptureBin, req: IncomingMessage, row: CaptureRow): Promise<Resolution> {
  // A CORS preflight is the browser's, not the sender's: it gets the preflight answer, as without rules.
  if (bin.response.cors && isPreflight(req)) {
    const { status, headers, body, delayMs } = bin.response;
    return { record: defaultAnswerRecord(bin, req), action: { kind: "answer", status, headers, body, delayMs } };
  }
  const view = new RequestView(row);
  const rule = findRule(bin.rules, view);
  let attempt = 1;
  if (rule && needsAttempt(rule.drill)) {
    // Now, before the write takes the body away: a fail-first drill counts the event's deliveries.
    const key = rowDeliveryKey(row);
    row.deliveryKey = key;
    if (key !== null) attempt = (await storage().lastAttempt(bin.id, key)) + 1;
  }
  const resolution = resolveAnswer(rule, view, {
    attempt,
    random: Math.random,
    fallback: bin.response,
    timeoutMaxSeconds: getEnv().RULE_TIMEOUT_MAX_SECONDS,
  });
  if (!rule) resolution.record = defaultAnswerRecord(bin, req);
  return resolution;
}

/**
 * Sends what was resolved, once the capture is committed. A timeout holds the connection without
 * answering and then closes it; the hold is a timer on the socket, not a pending capture, so it
 * keeps no body bytes and does not delay shutdown (which closes every connection at its end).
 */
export async function sendResolved(
  req: IncomingMessage,
  res: ServerResponse,
  bin: CaptureBin,
  action: Action,
  requestId: string,
): Promise<void> {
  if (action.kind === "drop") {
    res.destroy();
    return;
  }
  if (action.kind === "timeout") {
    const timer = setTimeout(() => res.destroy(), action.seconds * 1000);
    timer.unref();
    res.once("close", () => clearTimeout(timer));
    return;
  }
  const { status, headers, body, delayMs } = action;
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  if (!res.destroyed)
    sendCaptureAnswer(req, res, { status, headers, body, delayMs, cors: bin.response.cors }, requestId);
}
