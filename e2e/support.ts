import { type APIRequestContext, expect, type Page } from "@playwright/test";

export interface Bin {
  token: string;
  key: string;
  captureUrl: string;
  inspectUrl: string;
}

export async function createBin(request: APIRequestContext): Promise<Bin> {
  const res = await request.post("/api/bins", { data: {} });
  expect(res.status()).toBe(201);
  return (await res.json()) as Bin;
}

/** Sends a capture with Node's fetch, as a webhook sender would (not through the page). */
export async function send(
  bin: Bin,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array<ArrayBuffer> } = {},
): Promise<string> {
  const res = await fetch(`${bin.captureUrl}${path}`, {
    method: init.method ?? "POST",
    headers: init.headers,
    body: init.body,
  });
  expect(res.status).toBe(200);
  return res.headers.get("x-hookscope-request-id") as string;
}

export function requestList(page: Page) {
  return page.getByRole("listbox", { name: /Captured requests/ });
}

export async function openInspector(page: Page, bin: Bin) {
  await page.goto(`/b/${bin.key}`);
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "live");
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: false });
}

/** The database file of the server the specs run against (see playwright.config.ts). */
export function e2eDatabaseFile(): string {
  const dir = process.env.HOOKSCOPE_E2E_DATA;
  if (!dir) throw new Error("HOOKSCOPE_E2E_DATA is not set: run the specs through playwright.config.ts");
  return `${dir}/hookscope.db`;
}
