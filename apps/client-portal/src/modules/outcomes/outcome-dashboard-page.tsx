import { OutcomeDashboardDocument, type OutcomeDashboardQuery, type ServiceType } from '@lena/graphql-client';
import { useQuery } from '@lena/graphql-client/react';
import { attendanceText, OutcomeChanges, OutcomeSessionsChart, OutcomeTrendChart, QueryView } from '@lena/portal-kit';
import { Button, DateTime, EmptyState, Form, Page, Section, SelectField, Table, TextField } from '@lena/ui';
import { useState } from 'react';

type Dashboard = OutcomeDashboardQuery['outcomeDashboard'];

interface Filters {
  teamId: string;
  programmeId: string;
  serviceType: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { teamId: '', programmeId: '', serviceType: '', from: '', to: '' };

function variablesOf(filters: Filters) {
  return {
    filter: {
      teamId: filters.teamId || null,
      programmeId: filters.programmeId || null,
      serviceType: (filters.serviceType || null) as ServiceType | null,
      from: filters.from || null,
      to: filters.to || null,
    },
  };
}

function FilterForm({ dashboard, applied, onApply }: { dashboard: Dashboard | undefined; applied: Filters; onApply: (filters: Filters) => void }) {
  const [draft, setDraft] = useState(applied);
  const set = (key: keyof Filters) => (value: string) => setDraft((current) => ({ ...current, [key]: value }));
  return (
    <Form id="outcome-filters" onSubmit={() => onApply(draft)}>
      <div className="lena-filter-row">
        <SelectField
          label="Team"
          name="teamId"
          value={draft.teamId}
          onChange={set('teamId')}
          options={[{ value: '', label: 'All teams' }, ...(dashboard?.teams ?? []).map((team) => ({ value: team.id, label: team.name }))]}
        />
        <SelectField
          label="Programme"
          name="programmeId"
          value={draft.programmeId}
          onChange={set('programmeId')}
          options={[{ value: '', label: 'All programmes' }, ...(dashboard?.programmeOptions ?? []).map((programme) => ({ value: programme.id, label: programme.name }))]}
        />
        <SelectField
          label="Service"
          name="serviceType"
          value={draft.serviceType}
          onChange={set('serviceType')}
          options={[
            { value: '', label: 'Both services' },
            { value: 'GRP', label: 'Group Reflective Practice' },
            { value: 'GTS', label: 'Group Therapeutic Support' },
          ]}
        />
        <TextField label="From (month)" hint="For example 2026-09" name="from" type="month" width="short" value={draft.from} onChange={set('from')} />
        <TextField label="To (month)" hint="For example 2026-12" name="to" type="month" width="short" value={draft.to} onChange={set('to')} />
      </div>
      <div className="lena-inline-form">
        <Button type="submit">Apply filters</Button>
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            setDraft(NO_FILTERS);
            onApply(NO_FILTERS);
          }}
        >
          Clear filters
        </Button>
      </div>
    </Form>
  );
}

function Tiles({ dashboard }: { dashboard: Dashboard }) {
  const { total } = dashboard;
  const tiles = [
    { key: 'programmes', label: 'Programmes', value: String(total.programmes) },
    { key: 'delivered', label: 'Sessions delivered', value: `${total.sessions.delivered} of ${total.sessions.bought} bought` },
    { key: 'to-come', label: 'Sessions still to come', value: String(total.sessions.planned) },
    { key: 'cancelled', label: 'Sessions cancelled', value: String(total.sessions.cancelled) },
    { key: 'attendance', label: 'Attendance', value: attendanceText(total.attendance) },
  ];
  return (
    <dl className="lena-tiles">
      {tiles.map((tile) => (
        <div key={tile.key} className="lena-tile">
          <dt>{tile.label}</dt>
          <dd>{tile.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Trends({ dashboard }: { dashboard: Dashboard }) {
  const series = dashboard.changeTrends.map((trend) => ({
    key: `${trend.instrumentKey}/${trend.subscaleKey}`,
    title: trend.title,
    points: trend.points.map((point) => ({ month: point.month, value: point.change.shown ? point.change.meanDifference : null })),
  }));
  const trendRows = dashboard.changeTrends.flatMap((trend) => trend.points.map((point) => ({ key: `${trend.subscaleKey}/${point.month}`, title: trend.title, ...point })));
  return (
    <>
      <Section title="Sessions by month">
        <OutcomeSessionsChart months={dashboard.sessionsByMonth} />
        <Table
          caption="Sessions by month"
          rows={dashboard.sessionsByMonth}
          rowKey={(month) => month.month}
          columns={[
            { key: 'month', header: 'Month', cell: (month) => month.month },
            { key: 'delivered', header: 'Delivered', numeric: true, cell: (month) => String(month.delivered) },
            { key: 'cancelled', header: 'Cancelled', numeric: true, cell: (month) => String(month.cancelled) },
            { key: 'planned', header: 'Still to come', numeric: true, cell: (month) => String(month.planned) },
          ]}
        />
      </Section>
      <Section title="Change over time">
        <p className="lena-muted">Each programme counts in the month of its last session. Below zero is a fall in the score.</p>
        <OutcomeTrendChart series={series} />
        <Table
          caption="Average change by month of programmes’ last session"
          rows={trendRows}
          rowKey={(row) => row.key}
          columns={[
            { key: 'month', header: 'Month', cell: (row) => row.month },
            { key: 'measure', header: 'Measure', cell: (row) => row.title },
            { key: 'n', header: 'People (n)', numeric: true, cell: (row) => (row.change.shown ? String(row.change.n) : row.change.message) },
            {
              key: 'change',
              header: 'Average change (points)',
              numeric: true,
              cell: (row) => (row.change.shown && row.change.meanDifference !== null ? row.change.meanDifference.toFixed(1) : '—'),
            },
          ]}
        />
      </Section>
    </>
  );
}

/**
 * The organisation admin's outcome dashboard: filters, headline figures, each programme's change
 * in words and in a table, and trends as charts with the same numbers in tables. Every figure about
 * people is the API's decision: where it is withheld, its words ("Fewer than 5 responses") show.
 */
export function OutcomeDashboardPage() {
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const result = useQuery(OutcomeDashboardDocument, { variables: variablesOf(applied), fetchPolicy: 'cache-and-network' });
  const dashboard = result.data?.outcomeDashboard ?? result.previousData?.outcomeDashboard;
  return (
    <Page title="Outcomes" lead="What your programmes have done for the people in them, without showing any one of them.">
      <Section title="Filters">
        <FilterForm dashboard={dashboard} applied={applied} onApply={setApplied} />
      </Section>
      <QueryView result={result} loadingLabel="Loading your organisation’s outcomes">
        {({ outcomeDashboard: loaded }) => (
          <>
            <p className="lena-muted">
              Figures are shown only for at least {loaded.minGroupSize} people, and only where no smaller group could be worked out from them.
              {loaded.computedAt && (
                <>
                  {' '}
                  Up to date as of <DateTime value={loaded.computedAt} />.
                </>
              )}
            </p>
            <Section title="At a glance">
              <Tiles dashboard={loaded} />
              <h3>Change from the first to the last measure</h3>
              <OutcomeChanges changes={loaded.total.changes} caption="Outcome measures across the programmes shown" />
            </Section>
            <Section title="Programmes">
              {loaded.programmes.length === 0 ? (
                <EmptyState title="No programmes to show" headingLevel={3}>
                  No programme has figures for these filters yet.
                </EmptyState>
              ) : (
                loaded.programmes.map((programme) => (
                  <section key={programme.programmeId} aria-labelledby={`outcomes-${programme.programmeId}`} className="lena-outcome-programme">
                    <h3 id={`outcomes-${programme.programmeId}`}>{programme.title}</h3>
                    <p>
                      {programme.teamName}. {programme.sessions.delivered} of {programme.sessions.bought} sessions delivered. Attendance: {attendanceText(programme.attendance)}.
                      {programme.feedback && <> Feedback: {programme.feedback.shown ? `${programme.feedback.responses} responses` : programme.feedback.message}.</>}
                    </p>
                    <OutcomeChanges changes={programme.changes} caption={`Outcome measures of ${programme.title}`} />
                  </section>
                ))
              )}
            </Section>
            <Trends dashboard={loaded} />
          </>
        )}
      </QueryView>
    </Page>
  );
}
