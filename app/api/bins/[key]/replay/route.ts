import { apiRoute, methodNotAllowed, readJson } from "@/lib/api/handle";
import { type BinParams, binKey } from "@/lib/api/params";
import { getEnv } from "@/lib/env";
import { answerBudget } from "@/lib/replay/answer-budget";
import { replayInputSchema } from "@/lib/replay/schema";
import { replaySends } from "@/lib/replay/service";
import { ndjsonStream, wantsNdjson } from "@/lib/replay/stream";
import { type ReplaySend, tally } from "@/lib/replay/types";

// POST /api/bins/{key}/replay — resend captures (ids, or a filter) to a URL in capture order,
// `repeat` rounds, `paceMs` apart. 200 {"results","sent","failed"} once done (answer bodies up to
// REPLAY_MAX_ANSWER_BYTES in all, lib/replay/answer-budget.ts); with
// Accept: application/x-ndjson, one line per send as it is made, then the totals. Refusals
// (unknown id, bad url, limits, a replay already running) come before the first send, as JSON errors.
export const POST = apiRoute<BinParams>(async (request, context) => {
  const key = await binKey(context);
  const input = await readJson(request, replayInputSchema);
  const sends = replaySends(key, input, request.signal);
  const first = await sends.next();
  if (wantsNdjson(request)) return ndjsonStream(first, sends);
  const fit = answerBudget(getEnv().REPLAY_MAX_ANSWER_BYTES);
  const results: ReplaySend[] = first.done ? [] : [fit(first.value)];
  for await (const send of sends) results.push(fit(send));
  return Response.json({ results, ...tally(results) });
});

// Other methods: a JSON 405.
export const GET = methodNotAllowed("POST");
export const PUT = methodNotAllowed("POST");
export const PATCH = methodNotAllowed("POST");
export const DELETE = methodNotAllowed("POST");
