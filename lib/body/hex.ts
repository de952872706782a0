// A hex dump in the shape of `hexdump -C`: offset, 16 bytes as hex in two groups of 8, then the
// bytes as ASCII with "." for anything not printable.

export const BYTES_PER_LINE = 16;

/** One line per 16 bytes of bytes[start, end), offsets counted from the start of the body. */
export function hexDumpLines(bytes: Uint8Array, start = 0, end = bytes.length): string[] {
  const lines: string[] = [];
  const stop = Math.min(end, bytes.length);
  for (let offset = start; offset < stop; offset += BYTES_PER_LINE) {
    lines.push(hexLine(bytes.subarray(offset, Math.min(offset + BYTES_PER_LINE, stop)), offset));
  }
  return lines;
}

export function hexLine(chunk: Uint8Array, offset: number): string {
  const cells: string[] = [];
  let ascii = "";
  for (let i = 0; i < BYTES_PER_LINE; i++) {
    const byte = chunk[i];
    cells.push(byte === undefined ? "  " : byte.toString(16).padStart(2, "0"));
    if (byte !== undefined) ascii += byte >= 0x20 && byte <= 0x7e ? String.fromCharCode(byte) : ".";
  }
  const left = cells.slice(0, 8).join(" ");
  const right = cells.slice(8).join(" ");
  return `${offset.toString(16).padStart(8, "0")}  ${left}  ${right}  |${ascii}|`;
}
