"use client";

import { Field, inputClass, selectClass } from "./field";
import { emptySign, type RuleDraft, type SignDraft } from "./rule-draft";
import { errorsUnder, type FieldErrors } from "./validate-rules";

interface Props {
  draft: RuleDraft;
  at: string;
  errors: FieldErrors;
  onChange(patch: Partial<RuleDraft>): void;
}

/**
 * An HMAC that the answer quotes as {{signature}}. A stored secret is only ever shown masked, and
 * a new one lives in the password field the user types it into, uncontrolled, so that React never
 * writes it back into the page.
 */
export function SignFields({ draft, at, errors, onChange }: Props) {
  const sign = draft.sign;
  const err = (path: string) => errorsUnder(errors, `${at}answer.sign.${path}`);
  const update = (patch: Partial<SignDraft>) => sign && onChange({ sign: { ...sign, ...patch } });
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium">Signature</legend>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={sign !== null}
          onChange={(e) => onChange({ sign: e.target.checked ? { ...emptySign } : null })}
        />
        Compute an HMAC the answer can quote as {"{{signature}}"}
      </label>
      {sign && (
        <>
          <div className="flex flex-wrap gap-2">
            <Field label="Algorithm" className="w-32">
              {(control) => (
                <select
                  {...control}
                  value={sign.algorithm}
                  onChange={(e) => update({ algorithm: e.target.value as SignDraft["algorithm"] })}
                  className={selectClass}
                >
                  <option value="sha256">HMAC-SHA256</option>
                  <option value="sha1">HMAC-SHA1</option>
                  <option value="sha512">HMAC-SHA512</option>
                </select>
              )}
            </Field>
            <Field label="Encoding" className="w-28">
              {(control) => (
                <select
                  {...control}
                  value={sign.encoding}
                  onChange={(e) => update({ encoding: e.target.value as SignDraft["encoding"] })}
                  className={selectClass}
                >
                  <option value="hex">hex</option>
                  <option value="base64">base64</option>
                </select>
              )}
            </Field>
            <Field label="Signed text (template)" errors={err("input")} className="min-w-40 flex-1">
              {(control) => (
                <input
                  {...control}
                  value={sign.input}
                  onChange={(e) => update({ input: e.target.value })}
                  placeholder="{{query.crc_token}}"
                  className={inputClass}
                  spellCheck={false}
                />
              )}
            </Field>
          </div>
          {sign.maskedSecret && (
            <p className="text-xs text-zinc-700 dark:text-zinc-300">
              Stored secret: <code data-testid="masked-secret">{sign.maskedSecret}</code>
            </p>
          )}
          <Field label={sign.maskedSecret ? "Replace the secret" : "Secret"} errors={err("secret")}>
            {(control) => (
              <input
                {...control}
                type="password"
                autoComplete="new-password"
                defaultValue=""
                onChange={(e) => update({ secret: e.target.value })}
                placeholder={sign.maskedSecret ? "leave empty to keep the stored one" : ""}
                className={inputClass}
              />
            )}
          </Field>
          {sign.secret && (
            <p className="text-xs text-zinc-700 dark:text-zinc-300">
              A new secret is entered; it is stored, and from then on shown masked, when you save.
            </p>
          )}
        </>
      )}
    </fieldset>
  );
}
