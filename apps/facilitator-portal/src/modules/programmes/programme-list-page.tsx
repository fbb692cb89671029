import {
  describeError,
  PlatformProgrammesDocument,
  programmeStatusText,
  serviceLabel,
  TenantsDocument,
  type PlatformProgrammesQuery,
  type ProgrammeStatus,
  type ServiceType,
} from '@lena/graphql-client';
import { useQuery } from '@lena/graphql-client/react';
import { QueryView } from '@lena/portal-kit';
import { Alert, Button, DateTime, EmptyState, Form, Link, Page, SelectField, Table, viewerTimeZone, type SelectOption } from '@lena/ui';
import { useState } from 'react';
import { useSearchParams } from 'react-router';

const PAGE_SIZE = 50;

type Listing = PlatformProgrammesQuery['platformProgrammes']['items'][number];

const ALL_STATUSES: ProgrammeStatus[] = ['REQUESTED', 'PROPOSED', 'ACCEPTED', 'ACTIVE', 'COMPLETED', 'CANCELLED'];

/** '' is the API's default (agreed programmes: accepted, running, completed, cancelled); 'ALL' is every status. */
const STATUS_OPTIONS: SelectOption[] = [
  { value: '', label: 'Accepted, running, completed or cancelled' },
  ...ALL_STATUSES.map((status) => ({ value: status, label: programmeStatusText[status] })),
  { value: 'ALL', label: 'Any status, requests and proposals too' },
];

const SERVICE_OPTIONS: SelectOption[] = [{ value: '', label: 'Both services' }, ...(['GRP', 'GTS'] as const).map((type) => ({ value: type, label: serviceLabel[type] }))];

function statusesFor(choice: string): ProgrammeStatus[] | null {
  if (choice === 'ALL') return ALL_STATUSES;
  return ALL_STATUSES.includes(choice as ProgrammeStatus) ? [choice as ProgrammeStatus] : null;
}

interface Filter {
  status: string;
  tenantId: string;
  serviceType: string;
}

function Filters({ filter, onApply }: { filter: Filter; onApply: (filter: Filter) => void }) {
  const tenants = useQuery(TenantsDocument);
  const [chosen, setChosen] = useState(filter);
  const tenantOptions: SelectOption[] = [{ value: '', label: 'All organisations' }, ...(tenants.data?.tenants ?? []).map((tenant) => ({ value: tenant.id, label: tenant.name }))];
  return (
    <Form id="programme-filters" className="lena-filters" aria-label="Filter programmes" onSubmit={() => onApply(chosen)}>
      <SelectField label="Status" name="status" options={STATUS_OPTIONS} value={chosen.status} onChange={(status) => setChosen({ ...chosen, status })} />
      <SelectField label="Organisation" name="tenantId" options={tenantOptions} value={chosen.tenantId} onChange={(tenantId) => setChosen({ ...chosen, tenantId })} />
      <SelectField label="Service" name="serviceType" options={SERVICE_OPTIONS} value={chosen.serviceType} onChange={(serviceType) => setChosen({ ...chosen, serviceType })} />
      <div className="lena-button-group">
        <Button type="submit">Apply filters</Button>
      </div>
    </Form>
  );
}

/** "3 of 10 held": sessions held against those planned; before the sessions are written, the number agreed. */
function progressText(listing: Listing): string {
  if (listing.sessionsPlanned === 0) return `${listing.programme.numberOfSessions} agreed, none written yet`;
  return `${listing.sessionsHeld} of ${listing.sessionsPlanned} held`;
}

/**
 * Every organisation's programmes for platform admins, newest first: by default those agreed
 * (accepted, running, completed or cancelled), as the pipeline holds the rest. Filters live in the
 * address, so a filtered list can be shared and the back button restores it.
 */
export function ProgrammeListPage() {
  const [params, setParams] = useSearchParams();
  const filter: Filter = { status: params.get('status') ?? '', tenantId: params.get('tenantId') ?? '', serviceType: params.get('serviceType') ?? '' };
  const variables = {
    filter: { statuses: statusesFor(filter.status), tenantId: filter.tenantId || null, serviceType: (filter.serviceType || null) as ServiceType | null },
    first: PAGE_SIZE,
  };
  const result = useQuery(PlatformProgrammesDocument, { variables, fetchPolicy: 'cache-and-network', notifyOnNetworkStatusChange: true });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const filtered = Boolean(filter.status || filter.tenantId || filter.serviceType);

  const loadMore = async (after: string) => {
    setLoadingMore(true);
    setMoreError(null);
    try {
      await result.fetchMore({ variables: { ...variables, after } });
    } catch (error) {
      setMoreError(describeError(error).message);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <Page
      title="All programmes"
      lead={`Programmes in every organisation, newest first. Requests and proposals are in the pipeline. Times are in your time zone (${viewerTimeZone()}).`}
      backLink={<Link href="/admin/programmes">Back to the pipeline</Link>}
    >
      <Filters
        key={`${filter.status}|${filter.tenantId}|${filter.serviceType}`}
        filter={filter}
        onApply={(next) => {
          const search = new URLSearchParams();
          for (const key of ['status', 'tenantId', 'serviceType'] as const) if (next[key]) search.set(key, next[key]);
          setParams(search);
        }}
      />
      <QueryView result={result} loadingLabel="Loading programmes">
        {({ platformProgrammes }) =>
          platformProgrammes.items.length === 0 ? (
            <EmptyState title="No programmes">
              <p>{filtered ? 'Nothing matches these filters.' : 'Programmes appear here once an organisation accepts a proposal.'}</p>
            </EmptyState>
          ) : (
            <>
              <Table
                caption="Programmes"
                captionHidden
                rows={platformProgrammes.items}
                rowKey={(listing) => listing.programme.id}
                columns={[
                  { key: 'programme', header: 'Programme', cell: (listing) => <Link href={`/programmes/${listing.programme.id}`}>{listing.programme.title}</Link> },
                  {
                    key: 'organisation',
                    header: 'Organisation',
                    cell: (listing) => (listing.programme.teamName ? `${listing.programme.tenantName} (${listing.programme.teamName})` : listing.programme.tenantName),
                  },
                  { key: 'service', header: 'Service', cell: (listing) => serviceLabel[listing.programme.serviceType] },
                  { key: 'status', header: 'Status', cell: (listing) => programmeStatusText[listing.programme.status] },
                  { key: 'next', header: 'Next session', cell: (listing) => <DateTime value={listing.nextSessionStartsAt} fallback="None to come" /> },
                  { key: 'sessions', header: 'Sessions', cell: progressText },
                ]}
              />
              <p role="status" className="lena-muted">
                Showing {platformProgrammes.items.length} {platformProgrammes.items.length === 1 ? 'programme' : 'programmes'}
                {platformProgrammes.nextCursor ? '' : ' (all of them)'}.
              </p>
              {moreError && <Alert tone="error" title={moreError} />}
              {platformProgrammes.nextCursor && (
                <Button variant="secondary" busy={loadingMore} onClick={() => void loadMore(platformProgrammes.nextCursor!)}>
                  Show more programmes
                </Button>
              )}
            </>
          )
        }
      </QueryView>
    </Page>
  );
}
