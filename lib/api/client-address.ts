// The client's address for route handlers. Next does not expose the socket, so the request guard
// (lib/http/request-guard.ts) sets it as a header, replacing any value the client sent.

/** Set on every request handed to Next: the client's address as this server determined it. */
export const CLIENT_IP_HEADER = "x-hookscope-client-ip";

export function clientAddress(request: Request): string {
  return request.headers.get(CLIENT_IP_HEADER) ?? "unknown";
}
