import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { OutcomeInstrument, OutcomeItem } from '@lena/domain';
import type { LinkState, MeasuresAnswers, MeasuresApi, MeasuresForm } from './measures-api.js';
import { useLinkPageView, type LinkPageView } from '../link-pages/link-page-api.js';

type View = LinkPageView<MeasuresForm>;

const REFUSALS: Record<LinkState, { title: string; body: ReactNode }> = {
  SPENT: {
    title: 'You have already answered',
    body: <p>This questionnaire has already been answered with this link. Each link can be used once, so your answers are counted once. Thank you.</p>,
  },
  EXPIRED: {
    title: 'This questionnaire link has expired',
    body: <p>The time to answer this questionnaire has ended, so the link no longer works. You will be sent a new link when the next one is due.</p>,
  },
  UNKNOWN: {
    title: 'We do not recognise this link',
    body: <p>The link may be incomplete. Open it again from your email, or copy the whole of it into your browser.</p>,
  },
};

const POINT_LEADS: Record<MeasuresForm['point'], string> = {
  BASELINE: 'Before your group begins',
  MIDPOINT: 'Halfway through your group',
  FINAL: 'As your group ends',
  FOLLOW_UP: 'Some time after your group',
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

function closingDay(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'full' }).format(new Date(iso));
}

/** Field names as the API reports them: `<instrument>.<item>`. */
const fieldOf = (instrument: OutcomeInstrument, item: OutcomeItem) => `${instrument.key}.${item.key}`;
const controlId = (instrument: OutcomeInstrument, item: OutcomeItem, value: number) => `${instrument.key}--${item.key}--${value}`;

/**
 * The outcome measures page: reads the questionnaires a single-use link opens, and sends one set
 * of answers. Phone first; every question a fieldset with its legend; errors listed in a summary
 * that takes focus, each linked to its question; each instrument's licence attribution shown.
 * Questions may be skipped (the instrument's scoring allows for it); the API says when too few
 * were answered to score.
 */
export function MeasuresPage({ token, api }: { token: string; api: MeasuresApi }) {
  const [view, setView] = useLinkPageView(token, api);

  return (
    <main className="lena-width lena-main feedback-page" id="main">
      {view.kind === 'loading' && (
        <p role="status" aria-live="polite">
          Loading the questionnaire…
        </p>
      )}
      {view.kind === 'form' && <MeasuresFormView form={view.form} token={token} api={api} onDone={setView} />}
      {view.kind === 'thanks' && (
        <>
          <PageHeading>Thank you</PageHeading>
          <p>Your answers have been stored without your name, your email address or this link.</p>
          <p>You can see your own scores over time under “My measures” when you sign in to Lena. You can close this page.</p>
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

function MeasuresFormView({ form, token, api, onDone }: { form: MeasuresForm; token: string; api: MeasuresApi; onDone: (view: View) => void }) {
  const [answers, setAnswers] = useState<MeasuresAnswers>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (Object.keys(problems).length > 0) summaryRef.current?.focus();
  }, [problems]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sending) return;
    setSending(true);
    const outcome = await api.sendAnswers(token, answers);
    setSending(false);
    if (outcome.kind === 'stored') onDone({ kind: 'thanks' });
    else if (outcome.kind === 'refused') onDone({ kind: 'refused', linkState: outcome.linkState });
    else if (outcome.kind === 'invalid') setProblems(Object.fromEntries(outcome.fieldProblems.map((problem) => [problem.field, problem.message])));
    else onDone({ kind: 'failed' });
  }

  const choose = (instrument: OutcomeInstrument, item: OutcomeItem, value: number) =>
    setAnswers((current) => ({ ...current, [instrument.key]: { ...current[instrument.key], [item.key]: value } }));

  /** Where each problem's link in the summary goes: its question's first choice, or its instrument's heading. */
  const target = (field: string): string => {
    for (const { instrument } of form.instruments) {
      if (field === instrument.key) return `${instrument.key}--heading`;
      const item = instrument.items.find((candidate) => fieldOf(instrument, candidate) === field);
      const scale = item && instrument.scales.find((candidate) => candidate.key === item.scale);
      if (item && scale?.options[0]) return controlId(instrument, item, scale.options[0].value);
    }
    return 'main';
  };

  return (
    <>
      <PageHeading>{POINT_LEADS[form.point]}: a short questionnaire</PageHeading>
      <p className="lena-page__lead">{form.programmeTitle}</p>
      <p>
        Your answers are stored without your name, your email address or this link. Your organisation and facilitators see only combined results from at least five people. The link
        works once, until {closingDay(form.closesAt)}.
      </p>
      {Object.keys(problems).length > 0 && (
        <div className="lena-error-summary" ref={summaryRef} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
          <h2 className="lena-error-summary__title" id="error-summary-title">
            There is a problem
          </h2>
          <ul className="lena-error-summary__list">
            {Object.entries(problems).map(([field, message]) => (
              <li key={field}>
                <a href={`#${target(field)}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form className="lena-form" noValidate onSubmit={(event) => void submit(event)}>
        {form.instruments.map(({ instrument, attribution }) => (
          <section key={instrument.key} aria-labelledby={`${instrument.key}--heading`}>
            <h2 id={`${instrument.key}--heading`} tabIndex={-1}>
              {instrument.title}
            </h2>
            {problems[instrument.key] && (
              <p className="lena-field__error">
                <span className="lena-visually-hidden">Error: </span>
                {problems[instrument.key]}
              </p>
            )}
            <p>{instrument.instructions}</p>
            {instrument.items.map((item) => (
              <ItemQuestion
                key={item.key}
                instrument={instrument}
                item={item}
                value={answers[instrument.key]?.[item.key]}
                problem={problems[fieldOf(instrument, item)]}
                onChange={(value) => choose(instrument, item, value)}
              />
            ))}
            {attribution && <p className="lena-muted feedback-page__licence">{attribution}</p>}
          </section>
        ))}
        <button type="submit" className="lena-button lena-button--primary" disabled={sending} aria-disabled={sending}>
          {sending ? 'Sending…' : 'Send answers'}
        </button>
      </form>
    </>
  );
}

function ItemQuestion({
  instrument,
  item,
  value,
  problem,
  onChange,
}: {
  instrument: OutcomeInstrument;
  item: OutcomeItem;
  value: number | undefined;
  problem?: string;
  onChange: (value: number) => void;
}) {
  const scale = instrument.scales.find((candidate) => candidate.key === item.scale);
  const errorId = `${instrument.key}--${item.key}--error`;
  return (
    <div className={problem ? 'lena-field--error' : undefined}>
      <fieldset className="lena-fieldset feedback-scale" aria-describedby={problem ? errorId : undefined}>
        <legend className="lena-fieldset__legend">{item.text}</legend>
        {problem && (
          <p className="lena-field__error" id={errorId}>
            <span className="lena-visually-hidden">Error: </span>
            {problem}
          </p>
        )}
        {(scale?.options ?? []).map((option) => (
          <div className="feedback-scale__option" key={option.value}>
            <input
              type="radio"
              className="feedback-scale__input"
              id={controlId(instrument, item, option.value)}
              name={`${instrument.key}--${item.key}`}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <label className="feedback-scale__label" htmlFor={controlId(instrument, item, option.value)}>
              {option.label}
            </label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}
