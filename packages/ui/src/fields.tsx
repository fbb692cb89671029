import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { cx } from './class-names.js';
import { useFieldState } from './form.js';

interface FieldBaseProps {
  /** Visible label text; also the input's accessible name. */
  label: ReactNode;
  /** Shown under the label, linked with aria-describedby. */
  hint?: ReactNode;
  /** Overrides the error the surrounding <Form> has for this field's name. */
  error?: string | null;
  /** Hides the label visually but keeps it for assistive technology (e.g. inside table rows). */
  labelHidden?: boolean;
  id?: string;
  name: string;
}

function describedBy(id: string, hint: ReactNode, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** What every control carries: its id and name, and its hint and error for assistive technology. */
export function controlProps(id: string, name: string, hint: ReactNode, error: string | undefined) {
  return { id, name, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy(id, hint, error) };
}

function FieldHint({ id, hint, className }: { id: string; hint: ReactNode; className?: string }) {
  if (!hint) return null;
  return (
    <div className={cx('lena-field__hint', className)} id={`${id}-hint`}>
      {hint}
    </div>
  );
}

function FieldError({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p className="lena-field__error" id={`${id}-error`}>
      <span className="lena-visually-hidden">Error: </span>
      {error}
    </p>
  );
}

/** The label, hint and error around a control (for the field components of this package). */
export function FieldFrame({
  id,
  labelId,
  label,
  hint,
  error,
  labelHidden,
  className,
  children,
}: {
  id: string;
  /** For controls whose accessible name comes from aria-labelledby. */
  labelId?: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  labelHidden?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={cx('lena-field', error && 'lena-field--error', className)}>
      <label id={labelId} className={cx('lena-field__label', labelHidden && 'lena-visually-hidden')} htmlFor={id}>
        {label}
      </label>
      <FieldHint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      {children}
    </div>
  );
}

export interface TextFieldProps extends FieldBaseProps, Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'value' | 'onChange' | 'size'> {
  value: string;
  onChange: (value: string) => void;
  /** Input width, in characters roughly: short (≈10), medium (≈20), or the full column. */
  width?: 'short' | 'medium' | 'full';
}

export function TextField({ label, hint, error: explicitError, labelHidden, id: explicitId, name, value, onChange, width = 'full', className, ...input }: TextFieldProps) {
  const { id, error } = useFieldState(name, explicitId, explicitError);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} labelHidden={labelHidden} className={className}>
      <input
        {...controlProps(id, name, hint, error)}
        className={cx('lena-input', `lena-input--${width}`)}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        {...input}
      />
    </FieldFrame>
  );
}

export interface TextAreaProps extends FieldBaseProps, Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name' | 'value' | 'onChange'> {
  value: string;
  onChange: (value: string) => void;
}

export function TextArea({ label, hint, error: explicitError, labelHidden, id: explicitId, name, value, onChange, rows = 5, className, ...textarea }: TextAreaProps) {
  const { id, error } = useFieldState(name, explicitId, explicitError);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} labelHidden={labelHidden} className={className}>
      <textarea
        {...controlProps(id, name, hint, error)}
        rows={rows}
        className="lena-input lena-textarea"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        {...textarea}
      />
    </FieldFrame>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectFieldProps extends FieldBaseProps, Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'name' | 'value' | 'onChange'> {
  value: string;
  onChange: (value: string) => void;
  options: readonly SelectOption[];
}

export function SelectField({ label, hint, error: explicitError, labelHidden, id: explicitId, name, value, onChange, options, className, ...select }: SelectFieldProps) {
  const { id, error } = useFieldState(name, explicitId, explicitError);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} labelHidden={labelHidden} className={className}>
      <select {...controlProps(id, name, hint, error)} className="lena-select" value={value} onChange={(event) => onChange(event.target.value)} {...select}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export interface CheckboxProps extends Omit<FieldBaseProps, 'labelHidden'>, Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'checked' | 'onChange' | 'type' | 'value'> {
  checked: boolean;
  onChange: (checked: boolean) => void;
  value?: string;
}

/** A checkbox with its label beside it. Inside a <Fieldset>, give each a distinct `id` or `value`. */
export function Checkbox({ label, hint, error: explicitError, id: explicitId, name, checked, onChange, value, className, ...input }: CheckboxProps) {
  const { id, error } = useFieldState(value ? `${name}-${value}` : name, explicitId, explicitError);
  return (
    <div className={cx('lena-checkbox', error && 'lena-field--error', className)}>
      <FieldError id={id} error={error} />
      <div className="lena-checkbox__row">
        <input
          {...controlProps(id, name, hint, error)}
          type="checkbox"
          className="lena-checkbox__input"
          checked={checked}
          value={value}
          onChange={(event) => onChange(event.target.checked)}
          {...input}
        />
        <label className="lena-checkbox__label" htmlFor={id}>
          {label}
        </label>
      </div>
      <FieldHint id={id} hint={hint} className="lena-checkbox__hint" />
    </div>
  );
}

export interface FieldsetProps {
  legend: ReactNode;
  hint?: ReactNode;
  /** The input name whose error (from the surrounding <Form>) belongs to the whole group. */
  name?: string;
  error?: string | null;
  children: ReactNode;
}

/** Groups related inputs (e.g. checkboxes) under a legend; the group's error shows above them. */
export function Fieldset({ legend, hint, name, error: explicitError, children }: FieldsetProps) {
  const { id, error } = useFieldState(name, undefined, explicitError);
  return (
    <fieldset className={cx('lena-fieldset', error && 'lena-field--error')} aria-describedby={describedBy(id, hint, error)} id={id} tabIndex={error ? -1 : undefined}>
      <legend className="lena-fieldset__legend">{legend}</legend>
      <FieldHint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      {children}
    </fieldset>
  );
}
