// @ts-check
// The output schemas of the tools, so that an agent knows a result's fields before it calls. Records
// that come from the API stay open (looseObject): a field the server adds later passes through.
import { z } from "zod";

export const headerPairs = z.array(z.tuple([z.string(), z.string()])).describe("[name, value] pairs, in order.");

export const bodyShape = z
  .object({
    encoding: z.enum(["text", "base64"]).describe("text: content is the body itself; base64: of its bytes."),
    content: z.string(),
    size: z.number().describe("The whole body's length in bytes."),
    shownBytes: z.number().describe("How many of its bytes content holds."),
    truncated: z.boolean().describe("True when content stops before the end of the body."),
  })
  .describe("A body: text when its bytes are UTF-8, else base64, cut at maxBodyBytes.");

const summaryFields = {
  id: z.string(),
  seq: z.number().describe("Increases with every capture of the bin."),
  method: z.string(),
  path: z.string().describe('The path after the capture URL\'s token ("/" when none).'),
  query: z.string().describe('The raw query string without "?".'),
  contentType: z.string().nullable(),
  bodySize: z.number(),
  ip: z.string(),
  receivedAt: z.string(),
};

export const pageShape = {
  requests: z.array(z.looseObject(summaryFields)).describe("Newest first."),
  nextCursor: z.string().nullable().describe("Pass as cursor for the next, older page; null on the last."),
};

export const requestShape = z.looseObject({
  ...summaryFields,
  url: z.string().describe("The raw request target as sent."),
  httpVersion: z.string(),
  headers: headerPairs.describe("As sent: arrival order, original case, duplicates kept."),
  body: bodyShape,
  note: z.string().optional().describe("Present when the body is base64 or cut."),
});
