import { expect, test } from "@playwright/test";
import { createBin, openInspector, requestList, send } from "./support";

test("a request sent by a Hookscope resend or forward is marked as one that is not forwarded again", async ({
  page,
  request,
}) => {
  const bin = await createBin(request);
  await send(bin, "/from-sender", { body: "from the sender" });
  await send(bin, "/from-hookscope", { headers: { "X-Hookscope-Hop": "1" }, body: "from another Hookscope" });
  await openInspector(page, bin);
  const list = requestList(page);

  await list.getByRole("option", { name: /\/from-hookscope/ }).click();
  await expect(page.getByRole("article").getByRole("heading", { level: 2 })).toHaveText("/from-hookscope");
  const notice = page.getByRole("note");
  await expect(notice).toContainText("Sent by a Hookscope resend or forward");
  await expect(notice).toContainText("X-Hookscope-Hop");

  await list.getByRole("option", { name: /\/from-sender/ }).click();
  await expect(page.getByRole("article").getByRole("heading", { level: 2 })).toHaveText("/from-sender");
  await expect(page.getByRole("note")).toHaveCount(0);
});
