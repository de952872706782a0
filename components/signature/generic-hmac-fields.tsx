import type { HashName } from "@/lib/signatures/crypto";
import { GENERIC_DEFAULT_TEMPLATE, type GenericHmacOptions } from "@/lib/signatures/generic-hmac";
import { field, labelClass } from "./fields";

/** The fields of the generic HMAC scheme: what most senders without a scheme of their own do. */
export function GenericHmacFields({
  value,
  onChange,
}: {
  value: GenericHmacOptions;
  onChange(next: GenericHmacOptions): void;
}) {
  const set = (patch: Partial<GenericHmacOptions>) => onChange({ ...value, ...patch });
  return (
    <div className="grid gap-2 sm:grid-cols-3">
      <label className={labelClass}>
        Algorithm
        <select
          value={value.algorithm}
          onChange={(e) => set({ algorithm: e.target.value as HashName })}
          className={field}
        >
          <option value="sha256">HMAC-SHA256</option>
          <option value="sha1">HMAC-SHA1</option>
          <option value="sha512">HMAC-SHA512</option>
        </select>
      </label>
      <label className={labelClass}>
        Signature header
        <input value={value.header} onChange={(e) => set({ header: e.target.value })} className={field} required />
      </label>
      <label className={labelClass}>
        Encoding
        <select
          value={value.encoding}
          onChange={(e) => set({ encoding: e.target.value as GenericHmacOptions["encoding"] })}
          className={field}
        >
          <option value="hex">hex</option>
          <option value="base64">base64</option>
        </select>
      </label>
      <label className={labelClass}>
        Prefix before the signature
        <input
          value={value.prefix ?? ""}
          onChange={(e) => set({ prefix: e.target.value })}
          placeholder="sha256="
          className={field}
        />
      </label>
      <label className={labelClass}>
        Timestamp header (optional)
        <input
          value={value.timestampHeader ?? ""}
          onChange={(e) => set({ timestampHeader: e.target.value || undefined })}
          placeholder="X-Timestamp"
          className={field}
        />
      </label>
      <label className={labelClass}>
        Signed text, with a timestamp
        <input
          value={value.template ?? GENERIC_DEFAULT_TEMPLATE}
          onChange={(e) => set({ template: e.target.value })}
          disabled={!value.timestampHeader}
          className={field}
        />
      </label>
    </div>
  );
}
