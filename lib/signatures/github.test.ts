import { createHmac } from "node:crypto";
import { sign } from "@octokit/webhooks-methods";
import { describe, expect, it } from "vitest";
import { verifyGitHub } from "./github.ts";
import { replaced, storedRequest, withOneByteChanged, without } from "./test-request.ts";

const secret = "It's a Secret to Everybody";
const payload = JSON.stringify({ action: "opened", number: 42, pull_request: { title: "Fix ünïcode" } });

async function signed() {
  return storedRequest(
    [
      ["X-GitHub-Event", "pull_request"],
      ["X-Hub-Signature-256", await sign(secret, payload)],
      // GitHub's legacy header, from its documented algorithm: HMAC-SHA1 of the body, hex.
      ["X-Hub-Signature", `sha1=${createHmac("sha1", secret).update(payload).digest("hex")}`],
    ],
    payload,
  );
}

describe.each(["sha256", "sha1"] as const)("GitHub %s signatures (vectors from @octokit/webhooks-methods)", (hash) => {
  const header = hash === "sha256" ? "X-Hub-Signature-256" : "X-Hub-Signature";

  it("accepts the sender's signature", async () => {
    const result = await verifyGitHub(await signed(), secret, hash);
    expect(result).toMatchObject({ valid: true });
    expect(result.expected).toMatch(new RegExp(`^${hash}=[0-9a-f]+$`));
  });

  it("reports a wrong secret as a mismatch whose message names the secret", async () => {
    const result = await verifyGitHub(await signed(), "not the secret", hash);
    expect(result).toMatchObject({ valid: false, reason: "mismatch" });
    expect(result.message).toContain("check the secret");
  });

  it("reports a body changed by one byte as a mismatch", async () => {
    const result = await verifyGitHub(withOneByteChanged(await signed()), secret, hash);
    expect(result).toMatchObject({ valid: false, reason: "mismatch" });
  });

  it("reports a missing header", async () => {
    const result = await verifyGitHub(without(await signed(), header), secret, hash);
    expect(result).toMatchObject({ valid: false, reason: "missing_header" });
    expect(result.message).toContain(header);
  });

  it("reports a header without the prefix or with non-hex as malformed", async () => {
    for (const value of ["0123abcd", `${hash}=xyz`]) {
      const result = await verifyGitHub(replaced(await signed(), header, value), secret, hash);
      expect(result, value).toMatchObject({ valid: false, reason: "malformed_header" });
    }
  });
});
