import { describe, expect, it } from "vitest";
import { carriesHop, HOP_HEADER, outgoingHeaders } from "./outgoing-headers.mjs";

const framing = { host: "target.example:8080", method: "POST", bodyLength: 5 };

describe("outgoingHeaders", () => {
  it("drops connection-level headers, including those named in Connection and proxy-*", () => {
    const sent = outgoingHeaders(
      [
        ["Host", "hookscope.example"],
        ["Connection", "keep-alive, X-Hop-Secret"],
        ["Keep-Alive", "timeout=5"],
        ["TE", "trailers"],
        ["Trailer", "X-Checksum"],
        ["Upgrade", "websocket"],
        ["Proxy-Authorization", "Basic abc"],
        ["proxy-connection", "keep-alive"],
        ["x-hop-secret", "1"],
        ["X-Kept", "yes"],
        ["Content-Length", "999"],
      ],
      framing,
    );
    expect(sent).toEqual([
      ["Host", "target.example:8080"],
      ["X-Kept", "yes"],
      ["Content-Length", "5"],
      ["X-Hookscope-Hop", "1"],
    ]);
  });

  it("keeps order, case and duplicates, and recomputes Host and Content-Length in place", () => {
    const sent = outgoingHeaders(
      [
        ["stripe-signature", "t=1,v1=abc"],
        ["host", "old"],
        ["X-Dup", "1"],
        ["transfer-encoding", "chunked"],
        ["x-dup", "2"],
        ["Host", "second"],
      ],
      framing,
    );
    expect(sent).toEqual([
      ["stripe-signature", "t=1,v1=abc"],
      ["host", "target.example:8080"],
      ["X-Dup", "1"],
      ["Content-Length", "5"],
      ["x-dup", "2"],
      ["X-Hookscope-Hop", "1"],
    ]);
  });

  it("adds Host first and Content-Length last when the request had neither", () => {
    expect(outgoingHeaders([["A", "1"]], { host: "h", method: "PUT", bodyLength: 0 })).toEqual([
      ["Host", "h"],
      ["A", "1"],
      ["Content-Length", "0"],
      ["X-Hookscope-Hop", "1"],
    ]);
  });

  it("sends no Content-Length for a GET without a body unless the capture had one", () => {
    expect(outgoingHeaders([["A", "1"]], { host: "h", method: "GET", bodyLength: 0 })).toEqual([
      ["Host", "h"],
      ["A", "1"],
      ["X-Hookscope-Hop", "1"],
    ]);
    expect(outgoingHeaders([["Content-Length", "0"]], { host: "h", method: "GET", bodyLength: 0 })).toEqual([
      ["Host", "h"],
      ["Content-Length", "0"],
      ["X-Hookscope-Hop", "1"],
    ]);
    expect(outgoingHeaders([], { host: "h", method: "GET", bodyLength: 3 })).toEqual([
      ["Host", "h"],
      ["Content-Length", "3"],
      ["X-Hookscope-Hop", "1"],
    ]);
  });
});

describe("the hop header", () => {
  it("marks every request sent on, even one whose headers were all dropped or replaced", () => {
    expect(outgoingHeaders([], framing)).toContainEqual([HOP_HEADER, "1"]);
    expect(outgoingHeaders([["Connection", "X-Hookscope-Hop"]], framing)).toContainEqual([HOP_HEADER, "1"]);
  });

  it("replaces a captured hop header, in its place, whatever its case or value, and drops repeats", () => {
    const sent = outgoingHeaders(
      [
        ["X-First", "a"],
        ["x-hookscope-hop", "0"],
        ["X-Middle", "b"],
        ["X-HOOKSCOPE-HOP", "disabled"],
        ["X-Last", "c"],
      ],
      framing,
    );
    expect(sent).toEqual([
      ["Host", "target.example:8080"],
      ["X-First", "a"],
      ["X-Hookscope-Hop", "1"],
      ["X-Middle", "b"],
      ["X-Last", "c"],
      ["Content-Length", "5"],
    ]);
  });

  it("is recognised in any case", () => {
    expect(carriesHop([["x-hookscope-hop", "1"]])).toBe(true);
    expect(
      carriesHop([
        ["Content-Type", "text/plain"],
        ["X-HOOKSCOPE-HOP", ""],
      ]),
    ).toBe(true);
    expect(carriesHop([["X-Hookscope-Hopper", "1"]])).toBe(false);
    expect(carriesHop([])).toBe(false);
  });
});
