// Path parameters, checked before they reach the database.
import { binNotFound, requestNotFound } from "../errors.ts";
import { ID_PATTERN, TOKEN_PATTERN } from "../ids.ts";

export interface BinParams {
  params: Promise<{ token: string }>;
}

export interface RequestParams {
  params: Promise<{ token: string; id: string }>;
}

export async function binToken(context: BinParams): Promise<string> {
  const { token } = await context.params;
  if (!TOKEN_PATTERN.test(token)) throw binNotFound(token.slice(0, 80));
  return token;
}

export async function requestIds(context: RequestParams): Promise<{ token: string; id: string }> {
  const { token, id } = await context.params;
  if (!TOKEN_PATTERN.test(token)) throw binNotFound(token.slice(0, 80));
  if (!ID_PATTERN.test(id)) throw requestNotFound(id.slice(0, 80));
  return { token, id };
}
