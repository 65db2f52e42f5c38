import crypto from "node:crypto";

/**
 * Identifies a block by its text, ignoring white space, invisible characters and case, so the
 * same fingerprint comes from a block emitted by ingest and from its text in the normalised document.
 */
export function blockFingerprint(text: string): string {
  const key = text.normalize("NFC").replace(/[\u00AD\u180E\u200B-\u200D\u2060\uFEFF]/g, "").replace(/\s+/g, " ").trim().toLowerCase();
  return crypto.createHash("sha1").update(key).digest("hex").slice(0, 16);
}
