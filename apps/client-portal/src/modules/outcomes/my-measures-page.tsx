import { EraseMyOutcomePairingDocument, MyMeasuresDocument, type MyMeasuresQuery } from '@lena/graphql-client';
import { useMutation, useQuery } from '@lena/graphql-client/react';
import { QueryView, useConfirmation } from '@lena/portal-kit';
import { Alert, Button, ConfirmDialog, EmptyState, formatDateTime, Page, Section, Table } from '@lena/ui';
import { useState } from 'react';

type Scale = MyMeasuresQuery['myMeasures'][number]['scales'][number];
type Score = Scale['scores'][number];

const POINT_LABELS: Record<Score['point'], string> = { BASELINE: 'Start', MIDPOINT: 'Midpoint', FINAL: 'End', FOLLOW_UP: 'Follow-up' };

const shown = (score: number) => (Math.abs(score) >= 10 ? String(Math.round(score)) : (Math.round(score * 10) / 10).toString());

/**
 * A small line of one scale's scores: each point a marked dot with its value written beside it
 * (never colour alone), on the scale's full range, with "better" named on the axis. Hidden from
 * assistive technology: the table below it has the same numbers.
 */
function ScoreLine({ scale }: { scale: Scale }) {
  const width = 320;
  const height = 140;
  const pad = { left: 40, right: 16, top: 16, bottom: 28 };
  const span = scale.maximum - scale.minimum || 1;
  const x = (index: number) => pad.left + (scale.scores.length === 1 ? (width - pad.left - pad.right) / 2 : (index * (width - pad.left - pad.right)) / (scale.scores.length - 1));
  const y = (score: number) => pad.top + ((scale.maximum - score) / span) * (height - pad.top - pad.bottom);
  const better = scale.direction === 'HIGHER_IS_WORSE' ? 'lower is better' : 'higher is better';
  return (
    <svg className="lena-my-measures__chart" viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width }} aria-hidden="true" focusable="false">
      <line x1={pad.left} x2={width - pad.right} y1={y(scale.minimum)} y2={y(scale.minimum)} stroke="#505a5f" />
      <line x1={pad.left} x2={pad.left} y1={y(scale.maximum)} y2={y(scale.minimum)} stroke="#505a5f" />
      <text x={pad.left - 6} y={y(scale.maximum) + 4} textAnchor="end" fontSize="11">
        {shown(scale.maximum)}
      </text>
      <text x={pad.left - 6} y={y(scale.minimum)} textAnchor="end" fontSize="11">
        {shown(scale.minimum)}
      </text>
      <text x={width - pad.right} y={pad.top - 4} textAnchor="end" fontSize="11" fontStyle="italic">
        {better}
      </text>
      <polyline fill="none" stroke="#1d70b8" strokeWidth="2" points={scale.scores.map((score, index) => `${x(index)},${y(score.score)}`).join(' ')} />
      {scale.scores.map((score, index) => (
        <g key={score.point}>
          <circle cx={x(index)} cy={y(score.score)} r="5" fill="#ffffff" stroke="#1d70b8" strokeWidth="2" />
          <text x={x(index)} y={y(score.score) - 9} textAnchor="middle" fontSize="12" fontWeight="bold">
            {shown(score.score)}
          </text>
          <text x={x(index)} y={height - 8} textAnchor="middle" fontSize="11">
            {POINT_LABELS[score.point]}
          </text>
        </g>
      ))}
    </svg>
  );
}

function ScaleView({ scale }: { scale: Scale }) {
  return (
    <div className="lena-my-measures__scale">
      <h3>{scale.title}</h3>
      <p>{scale.reading}</p>
      {scale.scores.length > 0 && (
        <>
          <ScoreLine scale={scale} />
          <Table
            caption={`Your ${scale.title.toLowerCase()} scores (${shown(scale.minimum)} to ${shown(scale.maximum)})`}
            rows={scale.scores}
            rowKey={(score) => score.point}
            columns={[
              { key: 'point', header: 'When', cell: (score) => POINT_LABELS[score.point] },
              { key: 'asked', header: 'Asked on', cell: (score) => formatDateTime(score.askedAt, { dateOnly: true }) ?? '' },
              { key: 'score', header: 'Your score', cell: (score) => shown(score.score) },
            ]}
          />
        </>
      )}
    </div>
  );
}

/**
 * "My measures": the signed-in person's own outcome scores in each of their programmes, over
 * time, as a small chart and a table of the same numbers, with the API's plain-English reading.
 * Nobody else can see this page's figures (the API derives them from the person alone). They can
 * also unpair their answers, after a confirmation.
 */
export function MyMeasuresPage() {
  const result = useQuery(MyMeasuresDocument, { fetchPolicy: 'cache-and-network' });
  const [erase, { loading: erasing }] = useMutation(EraseMyOutcomePairingDocument, { refetchQueries: [MyMeasuresDocument], awaitRefetchQueries: true });
  const [erased, setErased] = useState(false);
  const confirmation = useConfirmation(async () => {
    await erase();
    setErased(true);
  });
  return (
    <Page title="My measures" lead="Your own answers to your programmes’ questionnaires, over time. Only you can see these scores.">
      {erased && (
        <Alert tone="success" title="Your answers are unpaired">
          Answers you give from now on will not be matched with the ones you gave before.
        </Alert>
      )}
      <QueryView result={result} loadingLabel="Loading your measures">
        {(data) =>
          data.myMeasures.length === 0 ? (
            <EmptyState title="No measures yet">When one of your programmes asks its questionnaires, your scores will appear here.</EmptyState>
          ) : (
            <>
              {data.myMeasures.map((programme) => (
                <Section key={programme.programmeId} title={programme.programmeTitle}>
                  {[...new Set(programme.scales.map((scale) => scale.instrumentKey))].map((key) => {
                    const scales = programme.scales.filter((scale) => scale.instrumentKey === key);
                    return (
                      <div key={key}>
                        {scales.map((scale) => (
                          <ScaleView key={scale.subscaleKey} scale={scale} />
                        ))}
                        {scales[0]?.attribution && <p className="lena-muted">{scales[0].attribution}</p>}
                      </div>
                    );
                  })}
                </Section>
              ))}
              <Section title="Unpair your answers">
                <p>
                  Your answers are paired (before with after) by a code made from a secret of yours, never by your name. If you unpair them, none of the answers you have given can
                  be matched with any you give later, and this page starts again. Combined results already counted are not changed.
                </p>
                <Button variant="secondary" onClick={() => confirmation.ask(undefined)}>
                  Unpair my answers
                </Button>
              </Section>
            </>
          )
        }
      </QueryView>
      <ConfirmDialog title="Unpair your answers?" confirmLabel="Yes, unpair my answers" busy={erasing} {...confirmation.dialog}>
        <p>This cannot be undone: your earlier answers will no longer be shown to you or matched with later ones.</p>
      </ConfirmDialog>
    </Page>
  );
}
