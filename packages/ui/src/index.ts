export { Alert, type AlertProps, type AlertTone } from './alert.js';
export { AppShell, type AppShellProps, type NavItem } from './app-shell.js';
export { Button, type ButtonProps } from './button.js';
export { cx } from './class-names.js';
export { ConfirmDialog, type ConfirmDialogProps } from './confirm-dialog.js';
export { ComboboxField, type ComboboxFieldProps, type ComboboxGroup, type ComboboxOption } from './combobox-field.js';
export { DateTime, formatDateTime, viewerTimeZone, type DateTimeProps, type FormatDateTimeOptions } from './date-time.js';
export { DatePickerField, TimeField, type DatePickerFieldProps, type TimeFieldProps } from './date-time-fields.js';
export { EmptyState, type EmptyStateProps } from './empty-state.js';
export {
  Checkbox,
  Fieldset,
  SelectField,
  TextArea,
  TextField,
  type CheckboxProps,
  type FieldsetProps,
  type SelectFieldProps,
  type SelectOption,
  type TextAreaProps,
  type TextFieldProps,
} from './fields.js';
export { ErrorSummary, fieldId, Form, type ErrorSummaryProps, type FieldProblem, type FormErrors, type FormProps } from './form.js';
export { ButtonLink, Link, type ButtonLinkProps } from './link.js';
export { Page, Section, useDocumentTitle, type PageProps, type SectionProps } from './page.js';
export { Spinner, type SpinnerProps } from './spinner.js';
export { SummaryList, type SummaryRow } from './summary-list.js';
export { Table, type Column, type TableProps } from './table.js';
export { Tag, type TagTone } from './tag.js';
export { TimeZoneField, timeZoneGroups, type TimeZoneFieldProps } from './time-zone-field.js';
export { UiProvider, useUiConfig, type LinkProps, type UiConfig } from './ui-context.js';
export { VisuallyHidden } from './visually-hidden.js';
export { LoadError, type LoadErrorProps } from './load-error.js';
export { OutcomeScope, useOutcome, type Outcome, type OutcomeTone, type ShownOutcome } from './outcome.js';
export { requireValues, useFormSubmission, type FormSubmission } from './use-form-submission.js';
export {
  AcceptInvitationForm,
  ForgotPasswordForm,
  ResetPasswordForm,
  SignInForm,
  type AcceptInvitationFormProps,
  type ForgotPasswordFormProps,
  type InvitationSummary,
  type ResetPasswordFormProps,
  type SignInFormProps,
} from './auth/auth-forms.js';
