import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type FormEvent,
  type FormHTMLAttributes,
  type MouseEvent,
  type ReactNode,
  type Ref,
} from 'react';
import { cx } from './class-names.js';

/** One problem with one input, as the API reports it in `extensions.fieldProblems`. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * What went wrong with the last submission. Keep it in state and replace it on every failed
 * attempt: the form moves focus to the error summary whenever this object changes.
 */
export interface FormErrors {
  /** Problems tied to inputs (by input name). */
  fieldProblems: readonly FieldProblem[];
  /** A problem with the whole submission, e.g. "Your email address or password is not right." */
  message?: string | null;
}

interface FormContextValue {
  idPrefix: string;
  errorFor(name: string): string | undefined;
  register: (name: string) => () => void;
}

const FormContext = createContext<FormContextValue | null>(null);

/** The id of an input inside a form, so that error summary links can point at it. */
export function fieldId(idPrefix: string, name: string): string {
  return `${idPrefix}-${name}`;
}

/** For field components: the id to use and the error (from the surrounding form) to show. */
export function useFieldState(name: string | undefined, explicitId?: string, explicitError?: string | null) {
  const form = useContext(FormContext);
  const fallbackId = useId();
  const register = form?.register;
  useEffect(() => (name && register ? register(name) : undefined), [name, register]);
  const id = explicitId ?? (form && name ? fieldId(form.idPrefix, name) : fallbackId);
  const error = explicitError ?? (name ? form?.errorFor(name) : undefined);
  return { id, error: error || undefined };
}

export interface ErrorSummaryProps {
  title?: string;
  message?: string | null;
  problems: ReadonlyArray<FieldProblem & { href?: string }>;
}

/**
 * The list of problems at the top of a form (GOV.UK pattern). It takes focus when it appears so
 * that keyboard and screen reader users land on it; each item links to its input.
 */
const FOCUSABLE = 'input:not([type="hidden"]), select, textarea, button, [tabindex]:not([tabindex="-1"])';

export function ErrorSummary({ title = 'There is a problem', message, problems, ref }: ErrorSummaryProps & { ref?: Ref<HTMLDivElement> }) {
  const titleId = useId();
  const onLinkClick = (event: MouseEvent<HTMLAnchorElement>, href: string) => {
    const target = document.getElementById(href.slice(1));
    if (!target) return;
    event.preventDefault();
    // Scroll the label into view too, not just the input (GOV.UK pattern).
    const label = (target as HTMLInputElement).labels?.[0] ?? target;
    label.scrollIntoView?.({ block: 'start' });
    // A date or time field's id names its group of segments: the first segment takes the focus.
    const focusable = target.matches(FOCUSABLE) ? target : (target.querySelector<HTMLElement>(FOCUSABLE) ?? target);
    focusable.focus({ preventScroll: true });
  };
  return (
    <div className="lena-error-summary" aria-labelledby={titleId} role="alert" tabIndex={-1} ref={ref}>
      <h2 className="lena-error-summary__title" id={titleId}>
        {title}
      </h2>
      <ul className="lena-error-summary__list">
        {message && <li>{message}</li>}
        {problems.map((problem, index) => (
          <li key={`${problem.field}-${index}`}>
            {problem.href ? (
              <a href={problem.href} onClick={(event) => onLinkClick(event, problem.href!)}>
                {problem.message}
              </a>
            ) : (
              problem.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface FormProps extends Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit' | 'id'> {
  /** Prefix for input ids (`<id>-<name>`); also the form's own id. */
  id?: string;
  errors?: FormErrors | null;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
}

/**
 * A form with the error summary at its top and inline errors on its fields. Browser validation
 * bubbles are off (`noValidate`): the summary and inline messages say what to fix.
 */
export function Form({ id, errors, onSubmit, children, className, ...rest }: FormProps) {
  const generatedId = useId();
  const idPrefix = id ?? `form${generatedId.replace(/[^a-zA-Z0-9]/g, '')}`;
  const [registered, setRegistered] = useState<ReadonlySet<string>>(new Set());
  const summaryRef = useRef<HTMLDivElement>(null);

  const register = useCallback((name: string) => {
    setRegistered((current) => new Set(current).add(name));
    return () =>
      setRegistered((current) => {
        const next = new Set(current);
        next.delete(name);
        return next;
      });
  }, []);

  const problems = useMemo(() => errors?.fieldProblems ?? [], [errors]);
  const hasErrors = Boolean(errors && (errors.message || problems.length > 0));

  useEffect(() => {
    if (hasErrors) summaryRef.current?.focus();
  }, [errors, hasErrors]);

  const context = useMemo<FormContextValue>(
    () => ({
      idPrefix,
      register,
      errorFor: (name) => problems.find((problem) => problem.field === name)?.message,
    }),
    [idPrefix, register, problems],
  );

  const summaryProblems = problems.map((problem) => ({
    ...problem,
    href: registered.has(problem.field) ? `#${fieldId(idPrefix, problem.field)}` : undefined,
  }));

  return (
    <FormContext.Provider value={context}>
      <form
        id={idPrefix}
        noValidate
        className={cx('lena-form', className)}
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit(event);
        }}
        {...rest}
      >
        {hasErrors && <ErrorSummary ref={summaryRef} message={errors?.message} problems={summaryProblems} />}
        {children}
      </form>
    </FormContext.Provider>
  );
}
