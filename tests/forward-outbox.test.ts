// Forwarding goes through an outbox stored with each capture, so a forward outlives the process
// that claimed it: killed in the middle of an attempt, the capture is forwarded after a restart
// (SQLite and PostgreSQL alike) once the dead process's claim runs out.
import { afterAll, describe, expect, it } from "vitest";
import type { ResendList } from "../lib/resend/types.ts";
import { api, createForwardingBin } from "./support/http.ts";
import { cleanupServers, startServer, type TestServer } from "./support/server.ts";
import { hangOnFirst, type Target } from "./support/target.ts";

const servers: TestServer[] = [];
let target: Target | undefined;
afterAll(async () => {
  await target?.close();
  await Promise.all(servers.map((s) => s.stop()));
  cleanupServers();
});

describe("forwarding outbox", () => {
  it("forwards, after a restart, a capture whose forward was in progress when the server was killed", async () => {
    target = await hangOnFirst();
    // A short claim, so that the restarted server may take the capture over soon.
    const first = await startServer({ env: { FORWARD_LEASE_MS: "1000" } });
    const bin = await createForwardingBin(first.url, `${target.url}/hook`);
    const res = await fetch(`${first.url}/h/${bin.token}/order`, { method: "POST", body: "order #1" });
    expect(res.status).toBe(200);
    const id = res.headers.get("x-hookscope-request-id") as string;
    await target.waitFor(1);
    await first.kill9();

    const second = await startServer({ dbFile: first.dbFile, env: { FORWARD_POLL_MS: "100" } });
    servers.push(second);
    const [, again] = await target.waitFor(2);
    expect(again?.body.toString()).toBe("order #1");
    expect(again?.url).toBe("/hook");
    // The attempt is recorded once the target's answer is read, just after the target saw the request.
    const attempts = async () =>
      (await api<ResendList>(second.url, `/api/bins/${bin.key}/requests/${id}/resends`)).json.resends;
    await expect.poll(attempts, { timeout: 10_000 }).toMatchObject([{ auto: true, status: 200 }]);
  });
});
