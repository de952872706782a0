// Names for files the inspector offers to download. A captured file name is chosen by the sender:
// it may climb directories, hide its real extension behind a right-to-left override, name a
// Windows device, or be too long for a file system. The browser only partly cleans a download
// name, and differently on each system, so every name the UI proposes is made safe here.

/** The name used when nothing usable is left of the one given. */
export const DEFAULT_DOWNLOAD_NAME = "download.bin";

/** Longest name proposed, in UTF-8 bytes: under the 255 most file systems allow, with room for "(1)". */
export const MAX_DOWNLOAD_NAME_BYTES = 200;

/** Extensions longer than this are treated as part of the name when a long name is shortened. */
const MAX_EXTENSION_LENGTH = 16;

// Invisible characters that change how a name reads: bidi controls (U+202E turns "gnp.exe" into
// what looks like "exe.png"), zero-width characters, the byte-order mark.
const FORMAT = /\p{Cf}/gu;
// Control characters and line or paragraph separators, and the characters Windows forbids.
const FORBIDDEN = /[\p{Cc}\p{Zl}\p{Zp}<>:"|?*]/gu;
// Everything that does not show as itself when read.
const INVISIBLE = /[\p{Cf}\p{Cc}\p{Zl}\p{Zp}]/gu;
// Device names Windows reserves whatever the extension ("con.txt" opens the console).
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/**
 * A file name safe to offer for download: the last segment of a path, without invisible
 * formatting characters, with control and Windows-forbidden characters as "_", without leading
 * dots (no hidden files) or trailing dots and spaces, never a Windows device name, at most
 * MAX_DOWNLOAD_NAME_BYTES long (its extension kept). When nothing is left, `fallback` (made safe
 * the same way) or DEFAULT_DOWNLOAD_NAME.
 */
export function safeDownloadName(name: string, fallback: string = DEFAULT_DOWNLOAD_NAME): string {
  return clean(name) || clean(fallback) || DEFAULT_DOWNLOAD_NAME;
}

/**
 * A captured name as sent, for reading: invisible and control characters written out as \u{...}
 * escapes, so that a right-to-left override cannot make the name read as another.
 */
export function revealInvisible(name: string): string {
  return name.replace(INVISIBLE, (char) => `\\u{${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`);
}

function clean(name: string): string {
  const base = name.normalize("NFC").split(/[/\\]/).at(-1) ?? "";
  const visible = base.replace(FORMAT, "").replace(FORBIDDEN, "_");
  const shortened = trimEnds(shorten(trimEnds(visible)));
  const stem = shortened.split(".")[0] ?? "";
  return WINDOWS_DEVICE.test(stem.trimEnd()) ? `_${shortened}` : shortened;
}

/** Without leading dots and spaces, nor trailing ones (Windows drops those, changing the name). */
function trimEnds(name: string): string {
  return name.replace(/^[.\s]+/u, "").replace(/[.\s]+$/u, "");
}

/** The name cut to MAX_DOWNLOAD_NAME_BYTES, between characters, keeping a short extension. */
function shorten(name: string): string {
  if (utf8Length(name) <= MAX_DOWNLOAD_NAME_BYTES) return name;
  const dot = name.lastIndexOf(".");
  const extension = dot > 0 && name.length - dot <= MAX_EXTENSION_LENGTH + 1 ? name.slice(dot) : "";
  let budget = MAX_DOWNLOAD_NAME_BYTES - utf8Length(extension);
  let stem = "";
  for (const char of name.slice(0, name.length - extension.length)) {
    budget -= utf8Length(char);
    if (budget < 0) break;
    stem += char;
  }
  return stem + extension;
}

const encoder = new TextEncoder();

function utf8Length(text: string): number {
  return encoder.encode(text).length;
}
