"use client";

import { type FormEvent, useState } from "react";
import { Button } from "@/components/button";
import { Section } from "@/components/request/section";
import type { RequestRecord } from "@/lib/requests/types";
import { cryptoAvailable } from "@/lib/signatures/crypto";
import { detectScheme } from "@/lib/signatures/detect";
import type { GenericHmacOptions } from "@/lib/signatures/generic-hmac";
import type { VerifyInput } from "@/lib/signatures/schema";
import { DEFAULT_GENERIC_OPTIONS, SCHEMES, type SchemeId, verifySignature } from "@/lib/signatures/schemes";
import type { VerifyResult } from "@/lib/signatures/types";
import { fetchJson } from "@/lib/swr/fetcher";
import { bodyUrl, fetchBodyBytes } from "@/lib/swr/use-body-bytes";
import { field, labelClass } from "./fields";
import { GenericHmacFields } from "./generic-hmac-fields";
import { SignatureResult } from "./signature-result";
import { useSavedSecret } from "./use-saved-secret";

/** The verify API: for a secret saved with the bin, or when the owner chose it because this page has no WebCrypto. */
function verifyOnServer(api: string, id: string, input: VerifyInput): Promise<VerifyResult> {
  return fetchJson<VerifyResult>(`${api}/requests/${id}/verify`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(input),
  });
}

interface Props {
  /** The API base the record came from: /api/bins/{key}, or /api/shares/{id} on a share link. */
  api: string;
  record: RequestRecord;
  /** The URL the sender called, as far as the inspector knows it (only the path on a share link). */
  fullUrl: string;
  /** The bin's key when the owner is looking (absent on a share link): saved secrets are the owner's. */
  binKey?: string;
}

/**
 * Checks the request's signature in the browser, over the stored body bytes, with WebCrypto: the
 * secret stays in this component's state, is never put in a URL and never kept, and goes to the
 * server only when the page has no WebCrypto and the owner ticks the box that says so, or when the
 * owner chooses to save it with the bin: from then on the page only knows it masked, and checks
 * with it run on the server. The panel reveals nothing that is not already on the page, so share
 * links show it too, without the saved secrets.
 */
export function SignaturePanel({ api, record, fullUrl, binKey }: Props) {
  const [scheme, setScheme] = useState<SchemeId>(() => detectScheme(record.headers) ?? "generic-hmac");
  const [secret, setSecret] = useState("");
  const [tolerance, setTolerance] = useState("");
  const [generic, setGeneric] = useState<GenericHmacOptions>(DEFAULT_GENERIC_OPTIONS);
  const [twilioUrl, setTwilioUrl] = useState(fullUrl);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<VerifyResult | null>(null);
  // Without WebCrypto (plain http from another machine) the owner may choose to check on the server.
  const [noWebCrypto, setNoWebCrypto] = useState(false);
  const [onServer, setOnServer] = useState(false);
  const [saveSecret, setSaveSecret] = useState(false);
  const { saved, save, forget } = useSavedSecret(binKey ?? null, scheme);
  const ownerApi = api.startsWith("/api/bins/");
  const detected = detectScheme(record.headers);
  const chosen = SCHEMES.find((s) => s.id === scheme) ?? (SCHEMES[0] as (typeof SCHEMES)[number]);
  // Generic HMAC checks a timestamp's age only when given a tolerance ("none" by default).
  const defaultTolerance =
    chosen.toleranceSeconds ?? (scheme === "generic-hmac" && generic.timestampHeader ? null : undefined);

  // A verdict belongs to the inputs it was computed from.
  const changed =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setResult(null);
      setError(null);
    };

  const verify = async (e: FormEvent) => {
    e.preventDefault();
    setResult(null);
    setError(null);
    const toSave = !saved && saveSecret && binKey !== undefined;
    const inBrowser = cryptoAvailable() && !saved && !toSave;
    if (!inBrowser && !onServer && !saved && !toSave) {
      setNoWebCrypto(true);
      setError(
        `This browser offers no WebCrypto on this page: it is only available over HTTPS or from localhost.${ownerApi ? " Open Hookscope over HTTPS, or choose below to check on the server." : " Open Hookscope over HTTPS to check signatures."}`,
      );
      return;
    }
    const url = scheme === "twilio" ? twilioUrl.trim() : fullUrl;
    if (scheme === "twilio" && !/^https?:\/\/[^/]/i.test(url)) {
      setError("Twilio signs the full URL it called: enter it, starting with https:// or http://.");
      return;
    }
    setChecking(true);
    try {
      const toleranceSeconds = tolerance.trim() === "" ? undefined : Number(tolerance);
      const options = { toleranceSeconds, generic: scheme === "generic-hmac" ? generic : undefined };
      const serverOptions = scheme === "twilio" ? { ...options, url } : options;
      if (toSave) {
        // Saved first, then checked like any saved secret: the page stops holding it at once.
        await save({ secret, options: scheme === "generic-hmac" ? { generic } : undefined });
        setSecret("");
        setSaveSecret(false);
      }
      if (saved || toSave) {
        setResult(await verifyOnServer(api, record.id, { scheme, options: serverOptions }));
        return;
      }
      if (!inBrowser) {
        setResult(await verifyOnServer(api, record.id, { scheme, secret, options: serverOptions }));
        return;
      }
      const body =
        record.bodySize > 0 ? new Uint8Array((await fetchBodyBytes(bodyUrl(api, record.id))).bytes) : new Uint8Array();
      setResult(
        await verifySignature(
          scheme,
          { method: record.method, url, headers: record.headers, body, receivedAt: Date.parse(record.receivedAt) },
          secret,
          options,
        ),
      );
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setChecking(false);
    }
  };

  return (
    <Section title="Signature">
      <form onSubmit={verify} className="flex flex-col gap-3" aria-label="Check the signature">
        <div className="flex flex-wrap items-end gap-2">
          <label className={`${labelClass} w-64`}>
            Scheme{detected ? "" : " (no known signature header)"}
            <select value={scheme} onChange={(e) => changed(setScheme)(e.target.value as SchemeId)} className={field}>
              {SCHEMES.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                  {s.id === detected ? " (detected)" : ""}
                </option>
              ))}
            </select>
          </label>
          {saved ? (
            <SavedSecretField label={chosen.secretName} masked={saved.maskedSecret} />
          ) : (
            <label className={`${labelClass} min-w-60 flex-1`}>
              {chosen.secretName}
              <input
                type="password"
                autoComplete="off"
                spellCheck={false}
                value={secret}
                onChange={(e) => changed(setSecret)(e.target.value)}
                className={field}
              />
            </label>
          )}
          {defaultTolerance !== undefined && (
            <label className={`${labelClass} w-36`}>
              Tolerance (seconds)
              <input
                type="number"
                min={0}
                value={tolerance}
                placeholder={defaultTolerance === null ? "none" : String(defaultTolerance)}
                onChange={(e) => changed(setTolerance)(e.target.value)}
                className={field}
              />
            </label>
          )}
          <Button type="submit" variant="primary" disabled={checking}>
            {checking ? "Checking…" : "Verify"}
          </Button>
          {saved && (
            <Button
              variant="danger"
              disabled={checking}
              onClick={() => {
                setResult(null);
                setError(null);
                forget().catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
              }}
            >
              Forget saved secret
            </Button>
          )}
        </div>
        {scheme === "twilio" && (
          <label className={labelClass}>
            URL Twilio called (it is part of what is signed)
            <input
              type="url"
              value={twilioUrl}
              onChange={(e) => changed(setTwilioUrl)(e.target.value)}
              placeholder="https://example.com/h/…/sms"
              className={field}
            />
          </label>
        )}
        {scheme === "generic-hmac" && <GenericHmacFields value={generic} onChange={changed(setGeneric)} />}
        {binKey !== undefined && !saved && (
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" checked={saveSecret} onChange={(e) => changed(setSaveSecret)(e.target.checked)} />
            <span>
              Save this secret with the bin
              <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                It will be stored on this Hookscope server with the bin and shown only masked from then on; checks with
                it run on the server.
              </span>
            </span>
          </label>
        )}
        {noWebCrypto && ownerApi && !saved && !saveSecret && (
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" checked={onServer} onChange={(e) => changed(setOnServer)(e.target.checked)} />
            Check on this Hookscope server instead: the secret is sent to it for this one check, and is neither stored
            nor logged.
          </label>
        )}
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          {saved || saveSecret
            ? "Checked on this server with the secret saved with the bin, over the body bytes exactly as received; this page only knows it masked."
            : onServer
              ? "Checked on this server over the body bytes exactly as received; the secret is used for that check only."
              : "Checked in this browser over the body bytes exactly as received; the secret is not sent to the server and not kept."}{" "}
          Timestamps are judged against the time the request was received.
        </p>
        {error && (
          <p role="alert" className="text-sm text-rose-800 dark:text-rose-300">
            {error}
          </p>
        )}
      </form>
      <div aria-live="polite">{result && <SignatureResult result={result} />}</div>
    </Section>
  );
}

/** The saved secret in place of the secret's input: only its mask, which is all this page knows. */
function SavedSecretField({ label, masked }: { label: string; masked: string }) {
  return (
    <div className={`${labelClass} min-w-60 flex-1`}>
      <span>{label} (saved with the bin)</span>
      <output aria-label="Saved secret" className={`${field} block`}>
        {masked}
      </output>
    </div>
  );
}
