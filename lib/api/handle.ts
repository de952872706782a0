// The one shape of a route handler: errors thrown anywhere become the contract's JSON error.
import type { z } from "zod";
import { ApiError, toApiError } from "../errors.ts";

type Handler<C> = (request: Request, context: C) => Promise<Response>;

export function apiRoute<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (err) {
      return errorResponse(toApiError(err));
    }
  };
}

export function errorResponse(err: ApiError): Response {
  return Response.json(err.toJSON(), { status: err.status, headers: err.headers });
}

/** Reads and validates a JSON body. An empty body counts as {}. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const text = await request.text();
  let value: unknown = {};
  if (text.trim() !== "") {
    try {
      value = JSON.parse(text);
    } catch {
      throw new ApiError("invalid_json", "The request body is not valid JSON.");
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((i) => `${i.path.length ? i.path.join(".") : "body"}: ${i.message}`)
      .join("; ");
    throw new ApiError("validation_failed", `Invalid request body: ${detail}`);
  }
  return parsed.data;
}

/** A route's answer to a method it does not serve: a JSON 405 naming the ones it does. */
export function methodNotAllowed(allow: string) {
  return async (request: Request): Promise<Response> => {
    const err = new ApiError("method_not_allowed", `${request.method} is not supported here; use ${allow}.`, {
      Allow: allow,
    });
    return errorResponse(err);
  };
}
