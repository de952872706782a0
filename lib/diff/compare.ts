// Two captured requests compared field by field: the request line, the query, the headers, the body.
import type { HeaderPair } from "../capture/headers.ts";
import type { RequestSummary } from "../requests/types.ts";
import { compareBodies, type DiffLimits, type PreparedBody } from "./body.ts";
import { diffHeaders, diffQuery } from "./named-values.ts";
import type { FieldDiff, RequestDiff } from "./types.ts";

export interface ComparedRequest {
  summary: RequestSummary;
  headers: HeaderPair[];
  body: PreparedBody;
}

const field = (a: string, b: string): FieldDiff => ({ a, b, changed: a !== b });

export function compareRequests(a: ComparedRequest, b: ComparedRequest, limits: DiffLimits): RequestDiff {
  const side = ({ summary }: ComparedRequest) => ({ id: summary.id, seq: summary.seq, receivedAt: summary.receivedAt });
  return {
    a: side(a),
    b: side(b),
    method: field(a.summary.method, b.summary.method),
    path: field(a.summary.path, b.summary.path),
    query: diffQuery(a.summary.query, b.summary.query),
    headers: diffHeaders(a.headers, b.headers),
    body: { a: a.body.side, b: b.body.side, comparison: compareBodies(a.body, b.body, limits) },
  };
}
