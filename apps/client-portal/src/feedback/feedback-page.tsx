import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { InstrumentItem, ScaleItem } from '@lena/domain';
import type { FeedbackApi, FeedbackForm, LinkState } from './feedback-api.js';
import { useLinkPageView, type LinkPageView } from '../link-pages/link-page-api.js';

type View = LinkPageView<FeedbackForm>;

/** The pages for a link that cannot be used, in plain words. */
const REFUSALS: Record<LinkState, { title: string; body: ReactNode }> = {
  SPENT: {
    title: 'You have already given feedback',
    body: (
      <>
        <p>Feedback has already been sent with this link. Each link can be used once, so your answers are counted once.</p>
        <p>Thank you for taking the time.</p>
      </>
    ),
  },
  EXPIRED: {
    title: 'This feedback link has expired',
    body: (
      <>
        <p>The time for feedback on this session has ended, so the link no longer works.</p>
        <p>You can still talk to your facilitator about how the session went.</p>
      </>
    ),
  },
  UNKNOWN: {
    title: 'We do not recognise this link',
    body: (
      <>
        <p>The link may be incomplete. Open it again from your email, or copy the whole of it into your browser.</p>
      </>
    ),
  },
};

/** A heading that takes focus when it appears, so a screen reader announces the new page. */
function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

function sessionDate(iso: string): string {
  // In British English, in the reader's own time zone (the browser's).
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));
}

/**
 * The anonymous feedback page: reads the form a single-use link opens, and sends one set of
 * answers. Phone first; every question is a fieldset with its legend; errors are listed in a
 * summary that takes focus, each linked to its question, and named by the question itself
 * (aria-describedby).
 */
export function FeedbackPage({ token, api }: { token: string; api: FeedbackApi }) {
  const [view, setView] = useLinkPageView(token, api);

  return (
    <main className="lena-width lena-main feedback-page" id="main">
      {view.kind === 'loading' && (
        <p role="status" aria-live="polite">
          Loading the feedback form…
        </p>
      )}
      {view.kind === 'form' && <FeedbackFormView form={view.form} token={token} api={api} onDone={setView} />}
      {view.kind === 'thanks' && (
        <>
          <PageHeading>Thank you</PageHeading>
          <p>Your feedback has been sent. It cannot be traced back to you, and nobody sees any answers until enough people in your group have answered.</p>
          <p>You can close this page.</p>
        </>
      )}
      {view.kind === 'refused' && (
        <>
          <PageHeading>{REFUSALS[view.linkState].title}</PageHeading>
          {REFUSALS[view.linkState].body}
        </>
      )}
      {view.kind === 'failed' && (
        <>
          <PageHeading>Sorry, something went wrong</PageHeading>
          <p>We could not reach Lena just now. Your link still works: please try again in a few minutes.</p>
        </>
      )}
    </main>
  );
}

type Problems = Record<string, string>;

function FeedbackFormView({ form, token, api, onDone }: { form: FeedbackForm; token: string; api: FeedbackApi; onDone: (view: View) => void }) {
  const [answers, setAnswers] = useState<Record<string, number | string>>({});
  const [problems, setProblems] = useState<Problems>({});
  const [sending, setSending] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const items = form.form.items;

  useEffect(() => {
    if (Object.keys(problems).length > 0) summaryRef.current?.focus();
  }, [problems]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sending) return;
    const missing: Problems = {};
    for (const item of items) if (item.kind === 'SCALE' && answers[item.id] === undefined) missing[item.id] = `Choose an answer for “${item.prompt}”`;
    if (Object.keys(missing).length > 0) {
      setProblems(missing);
      return;
    }
    setSending(true);
    const outcome = await api.sendAnswers(token, { key: form.form.key, version: form.form.version }, answers);
    setSending(false);
    if (outcome.kind === 'stored') onDone({ kind: 'thanks' });
    else if (outcome.kind === 'refused') onDone({ kind: 'refused', linkState: outcome.linkState });
    else if (outcome.kind === 'invalid') setProblems(Object.fromEntries(outcome.fieldProblems.map((problem) => [problem.field, problem.message])));
    else onDone({ kind: 'failed' });
  }

  const listed = items.filter((item) => problems[item.id]);
  return (
    <>
      <PageHeading>{form.form.title}</PageHeading>
      <p className="lena-page__lead">
        {form.programmeTitle}, {sessionDate(form.startsAt)}
      </p>
      <p>Your answers are anonymous: they are stored without your name or email address, and shown only as totals for groups of at least five people.</p>
      {listed.length > 0 && (
        <div className="lena-error-summary" ref={summaryRef} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
          <h2 className="lena-error-summary__title" id="error-summary-title">
            There is a problem
          </h2>
          <ul className="lena-error-summary__list">
            {listed.map((item) => (
              <li key={item.id}>
                <a href={`#${firstControlId(item)}`}>{problems[item.id]}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form className="lena-form" noValidate onSubmit={(event) => void submit(event)}>
        {items.map((item) =>
          item.kind === 'SCALE' ? (
            <ScaleQuestion key={item.id} item={item} value={answers[item.id]} problem={problems[item.id]} onChange={(value) => setAnswers({ ...answers, [item.id]: value })} />
          ) : (
            <TextQuestion
              key={item.id}
              item={item}
              value={String(answers[item.id] ?? '')}
              problem={problems[item.id]}
              onChange={(value) => setAnswers({ ...answers, [item.id]: value })}
            />
          ),
        )}
        <button type="submit" className="lena-button lena-button--primary" disabled={sending} aria-disabled={sending}>
          {sending ? 'Sending…' : 'Send feedback'}
        </button>
      </form>
      <p className="lena-muted feedback-page__licence">
        {form.form.attribution}, {form.form.licence === 'CC-BY-4.0' ? 'CC BY 4.0' : form.form.licence}.
      </p>
    </>
  );
}

function firstControlId(item: InstrumentItem): string {
  return item.kind === 'SCALE' ? `${item.id}-1` : item.id;
}

function ScaleQuestion({ item, value, problem, onChange }: { item: ScaleItem; value: number | string | undefined; problem?: string; onChange: (value: number) => void }) {
  const errorId = `${item.id}-error`;
  return (
    <div className={problem ? 'lena-field--error' : undefined}>
      <fieldset className="lena-fieldset feedback-scale" aria-describedby={problem ? errorId : undefined}>
        <legend className="lena-fieldset__legend">{item.prompt}</legend>
        {problem && (
          <p className="lena-field__error" id={errorId}>
            <span className="lena-visually-hidden">Error: </span>
            {problem}
          </p>
        )}
        {item.options.map((option) => (
          <div className="feedback-scale__option" key={option.value}>
            <input
              type="radio"
              className="feedback-scale__input"
              id={`${item.id}-${option.value}`}
              name={item.id}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <label className="feedback-scale__label" htmlFor={`${item.id}-${option.value}`}>
              {option.label}
            </label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

function TextQuestion({ item, value, problem, onChange }: { item: Extract<InstrumentItem, { kind: 'TEXT' }>; value: string; problem?: string; onChange: (value: string) => void }) {
  const hintId = `${item.id}-hint`;
  const errorId = `${item.id}-error`;
  return (
    <div className={`lena-field${problem ? ' lena-field--error' : ''}`}>
      <label className="lena-field__label" htmlFor={item.id}>
        {item.prompt}
      </label>
      {item.hint && (
        <p className="lena-field__hint" id={hintId}>
          {item.hint}
        </p>
      )}
      {problem && (
        <p className="lena-field__error" id={errorId}>
          <span className="lena-visually-hidden">Error: </span>
          {problem}
        </p>
      )}
      <textarea
        className="lena-input lena-textarea"
        id={item.id}
        name={item.id}
        rows={4}
        maxLength={item.maxLength}
        value={value}
        aria-describedby={[item.hint ? hintId : null, problem ? errorId : null].filter(Boolean).join(' ') || undefined}
        aria-invalid={problem ? true : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
