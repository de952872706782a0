import { type ReactNode, useId } from "react";

const controlClass =
  "w-full min-w-0 rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm text-zinc-900 aria-invalid:border-rose-600 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:aria-invalid:border-rose-400";
/** Typed values (names, templates, numbers) are code-like: monospace. */
export const inputClass = `${controlClass} font-mono`;
export const selectClass = controlClass;

/** What a field's control spreads onto itself: its label and its messages point at it. */
export interface ControlProps {
  id: string;
  "aria-invalid": boolean;
  "aria-describedby": string | undefined;
}

/** A labelled control with the validation messages for it underneath. */
export function Field({
  label,
  errors = [],
  className = "",
  children,
}: {
  label: string;
  errors?: string[];
  className?: string;
  children(control: ControlProps): ReactNode;
}) {
  const id = useId();
  const invalid = errors.length > 0;
  return (
    <div className={`flex flex-col gap-1 text-xs text-zinc-700 dark:text-zinc-300 ${className}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-invalid": invalid, "aria-describedby": invalid ? `${id}-errors` : undefined })}
      <FieldErrors id={`${id}-errors`} errors={errors} />
    </div>
  );
}

/** A labelled number typed as text (kept as typed until validation), with its messages. */
export function NumberField({
  label,
  value,
  onChange,
  errors,
  className,
  decimal = false,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  errors?: string[];
  className?: string;
  /** Allows a fraction (a percentage), not only whole numbers. */
  decimal?: boolean;
}) {
  return (
    <Field label={label} errors={errors} className={className}>
      {(control) => (
        <input
          {...control}
          inputMode={decimal ? "decimal" : "numeric"}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          className={inputClass}
        />
      )}
    </Field>
  );
}

export function FieldErrors({ id, errors }: { id?: string; errors: string[] }) {
  if (errors.length === 0) return null;
  return (
    <ul id={id} className="text-xs text-rose-800 dark:text-rose-300">
      {errors.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}
