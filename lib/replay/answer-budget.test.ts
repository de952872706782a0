import { describe, expect, it } from "vitest";
import type { ResendItem } from "../resend/types.ts";
import { answerBudget } from "./answer-budget.ts";
import type { ReplaySend } from "./types.ts";

function send(seq: number, body: { body: string | null } | { bodyBase64: string }): ReplaySend {
  const resend = {
    id: `r${seq}`,
    status: 200,
    headers: [],
    bodyTruncated: false,
    durationMs: 1,
    error: null,
    url: "http://127.0.0.1:9/",
    method: "POST",
    sentHeaders: [],
    createdAt: "2026-11-30T00:00:00.000Z",
    auto: false,
    ...body,
  } as ResendItem;
  return { requestId: `q${seq}`, seq, round: 1, method: "POST", path: "/", query: "", resend };
}

const skipped: ReplaySend = {
  requestId: "q9",
  seq: 9,
  round: 1,
  method: "POST",
  path: "/",
  query: "",
  resend: { id: null, status: null, headers: null, body: null, durationMs: 0, error: { code: "x", message: "x" } },
};

describe("answerBudget", () => {
  it("keeps bodies while they fit, counting UTF-8 bytes, then empties the rest and marks them truncated", () => {
    const fit = answerBudget(10);
    expect(fit(send(1, { body: "héllo" }))).toEqual(send(1, { body: "héllo" })); // 6 bytes
    expect(fit(send(2, { body: "abcd" }))).toEqual(send(2, { body: "abcd" })); // 10 in all
    const cut = fit(send(3, { body: "x" }));
    expect(cut.resend).toMatchObject({ id: "r3", status: 200, body: "", bodyTruncated: true });
  });

  it("leaves out every body after the first that did not fit, even a smaller one", () => {
    const fit = answerBudget(5);
    expect(fit(send(1, { body: "too long" })).resend).toMatchObject({ body: "", bodyTruncated: true });
    expect(fit(send(2, { body: "ok" })).resend).toMatchObject({ body: "", bodyTruncated: true });
  });

  it("counts a binary body by its decoded size and empties its base64", () => {
    const fit = answerBudget(6);
    const six = Buffer.from([0, 1, 2, 3, 4, 255]).toString("base64");
    expect(fit(send(1, { bodyBase64: six }))).toEqual(send(1, { bodyBase64: six }));
    expect(fit(send(2, { bodyBase64: "AA==" })).resend).toMatchObject({ bodyBase64: "", bodyTruncated: true });
  });

  it("passes on sends without a body as they are", () => {
    const fit = answerBudget(0);
    expect(fit(send(1, { body: null }))).toEqual(send(1, { body: null }));
    expect(fit(skipped)).toEqual(skipped);
    expect(fit(send(2, { body: "" }))).toEqual(send(2, { body: "" }));
  });
});
