// The inspector's side of POST /api/bins/{key}/replay: the answer read as NDJSON, each send
// handed over as soon as its line arrives.
import type { ReplayRequest } from "@/lib/replay/schema";
import type { ReplaySend, ReplayTotals } from "@/lib/replay/types";
import { ApiClientError, throwForStatus } from "@/lib/swr/fetcher";

type Line = ReplaySend | ReplayTotals | { error: { code: string; message: string } };

/** Runs the replay; resolves with its totals. Throws ApiClientError when it is refused or breaks off. */
export async function readReplay(
  binKey: string,
  input: ReplayRequest,
  onSend: (send: ReplaySend) => void,
  signal: AbortSignal,
): Promise<ReplayTotals> {
  const res = await throwForStatus(
    await fetch(`/api/bins/${binKey}/replay`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/x-ndjson" },
      body: JSON.stringify(input),
      signal,
    }),
  );
  if (!res.body) throw new ApiClientError("The server sent no answer.", res.status, null);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffered += value;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const text of lines) {
      if (text.trim() === "") continue;
      const line = JSON.parse(text) as Line;
      if ("error" in line) throw new ApiClientError(line.error.message, 200, line.error.code);
      if ("requestId" in line) onSend(line);
      else return line;
    }
  }
  throw new ApiClientError("The replay ended before it finished.", 200, null);
}
