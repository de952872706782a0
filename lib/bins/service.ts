// Bins: create, read, update, delete. Route handlers call these and shape nothing themselves.
import { captureBaseUrl } from "../api/base-url.ts";
import { db } from "../db/client.ts";
import { binNotFound } from "../errors.ts";
import { binDeleted, forwardUrlChanged } from "../forward/bin-changes.ts";
import type { Bin } from "../generated/prisma/client.ts";
import { newId, newToken } from "../ids.ts";
import { forgetBin } from "./capture-lookup.ts";
import { binResponseSchema, parseStoredResponse } from "./response.ts";
import type { CreateBinInput, UpdateBinInput } from "./schema.ts";
import type { BinJson } from "./types.ts";

export function toBinJson(bin: Bin, baseUrl: string): BinJson {
  return {
    token: bin.token,
    name: bin.name,
    captureUrl: `${captureBaseUrl(baseUrl)}/h/${bin.token}`,
    inspectUrl: `${baseUrl}/b/${bin.token}`,
    createdAt: bin.createdAt.toISOString(),
    lastRequestAt: bin.lastRequestAt?.toISOString() ?? null,
    requestCount: bin.requestCount,
    forwardUrl: bin.forwardUrl,
    response: parseStoredResponse(bin.response),
  };
}

export async function createBin(input: CreateBinInput): Promise<Bin> {
  const token = newToken();
  forgetBin(token);
  return db().bin.create({
    data: {
      id: newId(),
      token,
      name: input.name ?? null,
      createdAt: new Date(),
      response: JSON.stringify(input.response ?? binResponseSchema.parse({})),
    },
  });
}

export async function getBinOrThrow(token: string): Promise<Bin> {
  const bin = await db().bin.findUnique({ where: { token } });
  if (!bin) throw binNotFound(token);
  return bin;
}

/** The bin, or null when there is none (pages render their own not-found). */
export async function findBinForPage(token: string): Promise<Bin | null> {
  return db().bin.findUnique({ where: { token } });
}

export async function updateBin(token: string, input: UpdateBinInput): Promise<Bin> {
  const data: { name?: string | null; response?: string; forwardUrl?: string | null } = {};
  if (input.name !== undefined) data.name = input.name;
  if (input.response !== undefined) data.response = JSON.stringify(input.response);
  if (input.forwardUrl !== undefined) data.forwardUrl = input.forwardUrl;
  if (Object.keys(data).length === 0) return getBinOrThrow(token);
  const { count } = await db().bin.updateMany({ where: { token }, data });
  forgetBin(token);
  if (count === 0) throw binNotFound(token);
  const bin = await getBinOrThrow(token);
  if (input.forwardUrl !== undefined) forwardUrlChanged(bin.id, bin.forwardUrl);
  return bin;
}

export async function deleteBin(token: string): Promise<void> {
  const bin = await db().bin.findUnique({ where: { token }, select: { id: true } });
  const { count } = bin ? await db().bin.deleteMany({ where: { id: bin.id } }) : { count: 0 };
  forgetBin(token);
  if (!bin || count === 0) throw binNotFound(token);
  binDeleted(bin.id);
}
