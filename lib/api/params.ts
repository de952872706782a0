// Path parameters, checked before they reach the database. `{key}` is the bin's key: a token
// there is just another unknown key.
import { binNotFound, requestNotFound } from "../errors.ts";
import { ID_PATTERN, TOKEN_PATTERN } from "../ids.ts";

export interface BinParams {
  params: Promise<{ key: string }>;
}

export interface RequestParams {
  params: Promise<{ key: string; id: string }>;
}

export async function binKey(context: BinParams): Promise<string> {
  const { key } = await context.params;
  if (!TOKEN_PATTERN.test(key)) throw binNotFound(key.slice(0, 80));
  return key;
}

export async function requestIds(context: RequestParams): Promise<{ key: string; id: string }> {
  const { key, id } = await context.params;
  if (!TOKEN_PATTERN.test(key)) throw binNotFound(key.slice(0, 80));
  if (!ID_PATTERN.test(id)) throw requestNotFound(id.slice(0, 80));
  return { key, id };
}
