// Live delivery: time from a capture's answer to its event at SSE subscribers, at 100 req/s with
// 50 inspectors subscribed to the same bin.
import { startServer } from "../../tests/support/server.ts";
import { type Baseline, createBin, latencyRow, measureDelivery, postRoundTrips, type Row } from "../support.ts";

const SUBSCRIBERS = 50;
const RATE = 100;

export async function liveDelivery(baseline: Baseline, seconds: number): Promise<Row[]> {
  const count = RATE * Math.max(3, Math.min(seconds, 10));
  const baseTimes = await postRoundTrips(`${baseline.url}/h/x`, count, RATE);

  const server = await startServer({ env: { MAX_REQUESTS_PER_BIN: "100000" } });
  try {
    const { token, key } = await createBin(server.url);
    const delivery = await measureDelivery({
      captureUrl: `${server.url}/h/${token}`,
      streamUrl: `${server.url}/api/bins/${key}/stream`,
      subscribers: SUBSCRIBERS,
      rate: RATE,
      count,
    });
    const missing = delivery.missing ? ` (${delivery.missing} events missing)` : "";
    const label = `live delivery, ${RATE} req/s, ${SUBSCRIBERS} subscribers${missing}`;
    return [latencyRow(label, 50, delivery, baseTimes, 1), latencyRow(label, 99, delivery, baseTimes, 5)];
  } finally {
    await server.stop();
  }
}
