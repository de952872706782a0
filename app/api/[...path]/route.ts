import { errorResponse } from "@/lib/api/handle";
import { ApiError } from "@/lib/errors";

// ANY /api/* that no other route matches — a JSON 404 rather than an HTML page.
const notFound = async (request: Request) =>
  errorResponse(
    new ApiError("not_found", `No API endpoint at ${new URL(request.url).pathname}. See the README's API section.`),
  );

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const HEAD = notFound;
export const OPTIONS = notFound;
