import type { FailureReason, VerifyResult } from "@/lib/signatures/types";

const REASONS: Record<FailureReason, string> = {
  missing_header: "Signature header missing",
  malformed_header: "Signature header malformed",
  timestamp_outside_tolerance: "Timestamp outside the tolerance",
  mismatch: "Signature does not match",
  invalid_secret: "Secret unusable",
};

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="contents">
      <dt className="text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0 break-all font-mono">{children}</dd>
    </div>
  );
}

/** The verdict in words, then what was computed: every value here is text, never markup. */
export function SignatureResult({ result }: { result: VerifyResult }) {
  const tone = result.valid
    ? "border-emerald-300 bg-emerald-50 dark:border-emerald-800 dark:bg-emerald-950"
    : "border-rose-300 bg-rose-50 dark:border-rose-800 dark:bg-rose-950";
  return (
    <div data-testid="signature-result" className={`flex flex-col gap-2 rounded-md border p-3 text-sm ${tone}`}>
      <p className="font-semibold" data-testid="signature-verdict">
        {result.valid ? "Valid" : `Invalid: ${REASONS[result.reason]}`}
      </p>
      <p>{result.message}</p>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        {result.expected !== undefined && <Row label="Expected">{result.expected}</Row>}
        {result.received?.map((value, i) => (
          // Signatures may repeat; their position is their identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: a list of plain strings that never reorders
          <Row key={i} label={result.received && result.received.length > 1 ? `Received (${i + 1})` : "Received"}>
            {value}
          </Row>
        ))}
        {result.signedPayload !== undefined && <Row label="Signed">{result.signedPayload}</Row>}
        {result.ageSeconds !== undefined && (
          <Row label="Timestamp age">
            {result.ageSeconds} s when received (tolerance {result.toleranceSeconds} s)
          </Row>
        )}
      </dl>
    </div>
  );
}
