// The one fetcher of the UI: JSON on success, an Error carrying the status and the API's error
// message otherwise.

export class ApiClientError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
  ) {
    super(message);
  }
}

export async function throwForStatus(res: Response): Promise<Response> {
  if (res.ok) return res;
  let code: string | null = null;
  let message = `The server answered ${res.status}.`;
  try {
    const json = (await res.json()) as { error?: { code?: string; message?: string } };
    code = json.error?.code ?? null;
    message = json.error?.message ?? message;
  } catch {
    // Not JSON: keep the generic message.
  }
  throw new ApiClientError(message, res.status, code);
}

export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await throwForStatus(await fetch(url, init));
  return (await res.json()) as T;
}
