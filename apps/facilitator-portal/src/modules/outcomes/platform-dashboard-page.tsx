import { FeedbackBenchmarkDocument, PlatformDashboardDocument, TenantsDocument, type PlatformDashboardQuery } from '@lena/graphql-client';
import { useQuery } from '@lena/graphql-client/react';
import { OutcomeUtilisationChart, QueryView } from '@lena/portal-kit';
import { Button, EmptyState, Form, Page, Section, SelectField, Table, TextField } from '@lena/ui';
import { useState } from 'react';

type Dashboard = PlatformDashboardQuery['platformDashboard'];
type Attended = Dashboard['utilisation'][number]['total']['attended'];

const attendedText = (attended: Attended) => (attended.shown ? String(attended.attendances) : (attended.message ?? 'Withheld'));

interface Period {
  from: string;
  to: string;
}

function PeriodForm({ applied, onApply }: { applied: Period | null; onApply: (period: Period | null) => void }) {
  const [draft, setDraft] = useState<Period>(applied ?? { from: '', to: '' });
  return (
    <Form id="platform-period" onSubmit={() => onApply(draft.from && draft.to ? draft : null)}>
      <div className="lena-filter-row">
        <TextField
          label="From (month)"
          hint="For example 2026-01"
          name="from"
          type="month"
          width="short"
          value={draft.from}
          onChange={(from) => setDraft((current) => ({ ...current, from }))}
        />
        <TextField
          label="To (month)"
          hint="For example 2026-12"
          name="to"
          type="month"
          width="short"
          value={draft.to}
          onChange={(to) => setDraft((current) => ({ ...current, to }))}
        />
      </div>
      <div className="lena-inline-form">
        <Button type="submit">Show period</Button>
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            setDraft({ from: '', to: '' });
            onApply(null);
          }}
        >
          Last twelve months
        </Button>
      </div>
    </Form>
  );
}

function Utilisation({ dashboard }: { dashboard: Dashboard }) {
  const [chosen, setChosen] = useState('');
  const organisation = dashboard.utilisation.find((entry) => entry.tenantId === chosen) ?? dashboard.utilisation[0];
  if (!organisation) {
    return (
      <EmptyState title="No sessions in this period" headingLevel={3}>
        No organisation had sessions between {dashboard.from} and {dashboard.to}.
      </EmptyState>
    );
  }
  return (
    <>
      <Table
        caption={`Sessions per organisation, ${dashboard.from} to ${dashboard.to}`}
        rows={dashboard.utilisation}
        rowKey={(entry) => entry.tenantId}
        columns={[
          { key: 'organisation', header: 'Organisation', cell: (entry) => entry.name },
          { key: 'bought', header: 'Bought', numeric: true, cell: (entry) => String(entry.total.bought) },
          { key: 'scheduled', header: 'Scheduled', numeric: true, cell: (entry) => String(entry.total.scheduled) },
          { key: 'delivered', header: 'Delivered', numeric: true, cell: (entry) => String(entry.total.delivered) },
          { key: 'attended', header: 'Attendances', numeric: true, cell: (entry) => attendedText(entry.total.attended) },
        ]}
      />
      <h3>{organisation.name} by month</h3>
      <SelectField
        label="Organisation to show by month"
        name="utilisationTenant"
        value={organisation.tenantId}
        onChange={setChosen}
        options={dashboard.utilisation.map((entry) => ({ value: entry.tenantId, label: entry.name }))}
      />
      <OutcomeUtilisationChart
        months={organisation.months.map((month) => ({
          month: month.month ?? '',
          bought: month.bought,
          delivered: month.delivered,
          attended: month.attended.shown ? (month.attended.attendances ?? null) : null,
        }))}
      />
      <Table
        caption={`${organisation.name}: sessions and attendances by month`}
        rows={organisation.months}
        rowKey={(month) => month.month ?? 'period'}
        columns={[
          { key: 'month', header: 'Month', cell: (month) => month.month },
          { key: 'bought', header: 'Bought', numeric: true, cell: (month) => String(month.bought) },
          { key: 'scheduled', header: 'Scheduled', numeric: true, cell: (month) => String(month.scheduled) },
          { key: 'delivered', header: 'Delivered', numeric: true, cell: (month) => String(month.delivered) },
          { key: 'attended', header: 'Attendances', numeric: true, cell: (month) => attendedText(month.attended) },
        ]}
      />
    </>
  );
}

function FacilitatorLoad({ dashboard }: { dashboard: Dashboard }) {
  if (dashboard.facilitatorLoad.length === 0) return <p className="lena-muted">No facilitator ran a session in this period.</p>;
  return (
    <Table
      caption={`Sessions per facilitator per month, ${dashboard.from} to ${dashboard.to}`}
      rows={dashboard.facilitatorLoad}
      rowKey={(entry) => entry.userId}
      columns={[
        { key: 'facilitator', header: 'Facilitator', cell: (entry) => entry.displayName },
        ...dashboard.months.map((month) => ({
          key: month,
          header: month,
          numeric: true,
          cell: (entry: Dashboard['facilitatorLoad'][number]) => String(entry.months.find((load) => load.month === month)?.sessions ?? 0),
        })),
        { key: 'total', header: 'Total', numeric: true, cell: (entry) => String(entry.total) },
        { key: 'busiest', header: 'Busiest month', cell: (entry) => entry.busiestMonth ?? '—' },
      ]}
    />
  );
}

function Benchmark() {
  const tenants = useQuery(TenantsDocument);
  const [tenantId, setTenantId] = useState('');
  const benchmark = useQuery(FeedbackBenchmarkDocument, { variables: { tenantId }, skip: !tenantId });
  return (
    <>
      <p className="lena-muted">
        An organisation’s mean for each statement (1 to 5) beside the platform median: the median of every organisation’s published mean. An organisation below its minimum group
        size shows its reason and does not count in the median, and no other organisation’s own figures are shown.
      </p>
      <SelectField
        label="Organisation"
        name="benchmarkTenant"
        value={tenantId}
        onChange={setTenantId}
        options={[{ value: '', label: 'Choose an organisation' }, ...(tenants.data?.tenants ?? []).map((tenant) => ({ value: tenant.id, label: tenant.name }))]}
      />
      {tenantId && (
        <QueryView result={benchmark} loadingLabel="Loading the benchmark">
          {({ feedbackBenchmark }) =>
            feedbackBenchmark.items.length === 0 ? (
              <p>No organisation has published feedback yet.</p>
            ) : (
              <Table
                caption={`${feedbackBenchmark.name}’s feedback against the platform median`}
                rows={feedbackBenchmark.items}
                rowKey={(item) => item.itemId}
                columns={[
                  { key: 'statement', header: 'Statement', cell: (item) => item.prompt },
                  {
                    key: 'organisation',
                    header: feedbackBenchmark.name,
                    numeric: true,
                    cell: (item) => (item.organisation.shown && item.organisation.value !== null ? item.organisation.value.toFixed(2) : item.organisation.message),
                  },
                  {
                    key: 'median',
                    header: 'Platform median',
                    numeric: true,
                    cell: (item) => (item.platformMedian.shown && item.platformMedian.value !== null ? item.platformMedian.value.toFixed(2) : item.platformMedian.message),
                  },
                  { key: 'organisations', header: 'Organisations in the median', numeric: true, cell: (item) => String(item.organisations) },
                ]}
              />
            )
          }
        </QueryView>
      )}
    </>
  );
}

/**
 * The platform admins' dashboard across organisations: utilisation (sessions bought, delivered
 * and attended, per organisation and month, as a chart with the same numbers in a table),
 * facilitator load, and feedback benchmarks. Every figure about people is the API's decision.
 */
export function PlatformDashboardPage() {
  const [period, setPeriod] = useState<Period | null>(null);
  const result = useQuery(PlatformDashboardDocument, { variables: { period }, fetchPolicy: 'cache-and-network' });
  return (
    <Page title="Platform dashboard" lead="How every organisation is using its sessions, how busy each facilitator is, and how feedback compares.">
      <Section title="Period">
        <PeriodForm applied={period} onApply={setPeriod} />
      </Section>
      <QueryView result={result} loadingLabel="Loading the platform dashboard">
        {({ platformDashboard }) => (
          <>
            <Section title="Utilisation">
              <Utilisation dashboard={platformDashboard} />
            </Section>
            <Section title="Facilitator load">
              <FacilitatorLoad dashboard={platformDashboard} />
            </Section>
          </>
        )}
      </QueryView>
      <Section title="Feedback benchmarks">
        <Benchmark />
      </Section>
    </Page>
  );
}
