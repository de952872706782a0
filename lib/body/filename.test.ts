import { describe, expect, it } from "vitest";
import { DEFAULT_DOWNLOAD_NAME, MAX_DOWNLOAD_NAME_BYTES, revealInvisible, safeDownloadName } from "./filename.ts";

const bytes = (text: string) => new TextEncoder().encode(text).length;

describe("safeDownloadName", () => {
  it("keeps ordinary names as they are", () => {
    expect(safeDownloadName("report.pdf")).toBe("report.pdf");
    expect(safeDownloadName("Rapport d'été (v2).tar.gz")).toBe("Rapport d'été (v2).tar.gz");
    expect(safeDownloadName("写真.jpg")).toBe("写真.jpg");
  });

  it("keeps only the last segment of a path, whichever the separator", () => {
    expect(safeDownloadName("../../etc/passwd")).toBe("passwd");
    expect(safeDownloadName("C:\\x\\evil.exe")).toBe("evil.exe");
    expect(safeDownloadName("..\\..\\Windows\\System32\\drivers\\etc\\hosts")).toBe("hosts");
    expect(safeDownloadName("/")).toBe(DEFAULT_DOWNLOAD_NAME);
    expect(safeDownloadName("a/..")).toBe(DEFAULT_DOWNLOAD_NAME);
  });

  it("drops bidi overrides and other invisible characters, so the name reads as what it is", () => {
    expect(safeDownloadName("\u202Egnp.exe")).toBe("gnp.exe");
    expect(safeDownloadName("invoice\u202Efdp.scr")).toBe("invoicefdp.scr");
    expect(safeDownloadName("a\u2066b\u2069\u200Bc\uFEFF.txt")).toBe("abc.txt");
  });

  it("replaces control characters, line breaks, quotes and Windows-forbidden characters", () => {
    expect(safeDownloadName('a\r\nb"c.txt')).toBe("a__b_c.txt");
    expect(safeDownloadName("x\u0000y\u007F\u2028z.txt")).toBe("x_y__z.txt");
    expect(safeDownloadName('<a>:b|c?d*e".txt')).toBe("_a__b_c_d_e_.txt");
    expect(safeDownloadName("C:evil.exe")).toBe("C_evil.exe");
  });

  it("drops leading dots, so nothing downloads as a hidden file, and trailing dots and spaces", () => {
    expect(safeDownloadName(".bashrc")).toBe("bashrc");
    expect(safeDownloadName("...ssh")).toBe("ssh");
    expect(safeDownloadName(" evil.exe. . ")).toBe("evil.exe");
    expect(safeDownloadName("\u202E.bashrc")).toBe("bashrc");
  });

  it("never proposes a Windows device name", () => {
    expect(safeDownloadName("CON")).toBe("_CON");
    expect(safeDownloadName("con.txt")).toBe("_con.txt");
    expect(safeDownloadName("Lpt1.tar.gz")).toBe("_Lpt1.tar.gz");
    expect(safeDownloadName("com9 .log")).toBe("_com9 .log");
    expect(safeDownloadName("console.log")).toBe("console.log");
  });

  it("caps the length in bytes, keeping the extension and whole characters", () => {
    const long = safeDownloadName(`${"a".repeat(500)}.pdf`);
    expect(long).toBe(`${"a".repeat(MAX_DOWNLOAD_NAME_BYTES - 4)}.pdf`);
    const wide = safeDownloadName(`${"é".repeat(300)}.txt`);
    expect(bytes(wide)).toBeLessThanOrEqual(MAX_DOWNLOAD_NAME_BYTES);
    expect(wide).toMatch(/^é+\.txt$/);
    const emoji = safeDownloadName("😀".repeat(100));
    expect(bytes(emoji)).toBe(MAX_DOWNLOAD_NAME_BYTES);
    expect(emoji).toBe("😀".repeat(MAX_DOWNLOAD_NAME_BYTES / 4));
    // An "extension" too long to be one is cut with the rest.
    expect(bytes(safeDownloadName(`a.${"b".repeat(500)}`))).toBeLessThanOrEqual(MAX_DOWNLOAD_NAME_BYTES);
  });

  it("falls back to a safe default with a harmless extension when nothing is left", () => {
    for (const name of ["", "..", "...", "\u202E", " \u200B ", "dir/"]) {
      expect(safeDownloadName(name), JSON.stringify(name)).toBe(DEFAULT_DOWNLOAD_NAME);
    }
    expect(safeDownloadName("", "avatar.bin")).toBe("avatar.bin");
    expect(safeDownloadName("..", "../CON.bin")).toBe("_CON.bin");
    expect(safeDownloadName("", "\u202E")).toBe(DEFAULT_DOWNLOAD_NAME);
  });
});

describe("revealInvisible", () => {
  it("writes out invisible and control characters, leaving the rest", () => {
    expect(revealInvisible("\u202Egnp.exe")).toBe("\\u{202E}gnp.exe");
    expect(revealInvisible("a\nb\u200B.txt")).toBe("a\\u{A}b\\u{200B}.txt");
    expect(revealInvisible("写真 (1).jpg")).toBe("写真 (1).jpg");
  });
});
