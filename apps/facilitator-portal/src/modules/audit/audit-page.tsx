import { AuditEventsDocument, auditActionLabel, auditActionText, auditTargetTypeLabel, describeError, TenantsDocument, type AuditEventsQuery } from '@lena/graphql-client';
import { useQuery } from '@lena/graphql-client/react';
import { QueryView } from '@lena/portal-kit';
import { Alert, Button, DateTime, EmptyState, Form, Page, SelectField, Table, viewerTimeZone, type SelectOption } from '@lena/ui';
import { useState } from 'react';
import { useSearchParams } from 'react-router';

const PAGE_SIZE = 50;

type AuditEvent = AuditEventsQuery['auditEvents']['items'][number];

/** Who acted, by name; their email address and id in the tooltip. */
function Actor({ event }: { event: AuditEvent }) {
  if (!event.actorUserId) return <>System</>;
  const title = [event.actorEmail, `Person id ${event.actorUserId}`].filter(Boolean).join(' · ');
  return <span title={title}>{event.actorName ?? event.actorEmail ?? 'Unknown person'}</span>;
}

/** The organisation by name; its id in the tooltip. */
function Organisation({ event }: { event: AuditEvent }) {
  if (!event.tenantId) return <>—</>;
  return <span title={`Organisation id ${event.tenantId}`}>{event.tenantName ?? 'Unknown organisation'}</span>;
}

/** What was acted on, in words ("Invitation: alex@…", "Person: Alex Kim"); its type and id in the tooltip. */
function Target({ event }: { event: AuditEvent }) {
  if (!event.targetType) return <>—</>;
  const kind = auditTargetTypeLabel[event.targetType] ?? event.targetType;
  return <span title={[event.targetType, event.targetId].filter(Boolean).join(' ')}>{event.targetName ? `${kind}: ${event.targetName}` : kind}</span>;
}

const ACTION_OPTIONS: SelectOption[] = [{ value: '', label: 'All actions' }, ...Object.entries(auditActionLabel).map(([value, label]) => ({ value, label }))];

function Filters({ tenantId, action, onApply }: { tenantId: string; action: string; onApply: (tenantId: string, action: string) => void }) {
  const tenants = useQuery(TenantsDocument);
  const [tenant, setTenant] = useState(tenantId);
  const [chosenAction, setChosenAction] = useState(action);
  const tenantOptions: SelectOption[] = [{ value: '', label: 'All organisations' }, ...(tenants.data?.tenants ?? []).map((item) => ({ value: item.id, label: item.name }))];
  return (
    <Form id="audit-filters" className="lena-filters" aria-label="Filter audit events" onSubmit={() => onApply(tenant, chosenAction)}>
      <SelectField label="Organisation" name="tenantId" options={tenantOptions} value={tenant} onChange={setTenant} />
      <SelectField label="Action" name="action" options={ACTION_OPTIONS} value={chosenAction} onChange={setChosenAction} />
      <div className="lena-button-group">
        <Button type="submit">Apply filters</Button>
      </div>
    </Form>
  );
}

export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const tenantId = params.get('tenantId') ?? '';
  const action = params.get('action') ?? '';
  const variables = { tenantId: tenantId || null, action: action || null, limit: PAGE_SIZE };
  const result = useQuery(AuditEventsDocument, { variables, notifyOnNetworkStatusChange: true });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);

  const loadMore = async (cursor: string) => {
    setLoadingMore(true);
    setMoreError(null);
    try {
      await result.fetchMore({ variables: { ...variables, cursor } });
    } catch (error) {
      setMoreError(describeError(error).message);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <Page title="Audit log" lead={`Who did what, and when. Times are in your time zone (${viewerTimeZone()}).`}>
      <Filters
        key={`${tenantId}|${action}`}
        tenantId={tenantId}
        action={action}
        onApply={(nextTenant, nextAction) => {
          const next = new URLSearchParams();
          if (nextTenant) next.set('tenantId', nextTenant);
          if (nextAction) next.set('action', nextAction);
          setParams(next);
        }}
      />
      <QueryView result={result} loadingLabel="Loading audit events">
        {({ auditEvents }) =>
          auditEvents.items.length === 0 ? (
            <EmptyState title="No audit events">
              <p>{tenantId || action ? 'Nothing matches these filters.' : 'Events appear here as people use Lena.'}</p>
            </EmptyState>
          ) : (
            <>
              <Table
                caption="Audit events"
                captionHidden
                rows={auditEvents.items}
                rowKey={(event) => event.id}
                columns={[
                  { key: 'time', header: 'Time', cell: (event) => <DateTime value={event.occurredAt} /> },
                  { key: 'action', header: 'Action', cell: (event) => auditActionText(event.action) },
                  { key: 'actor', header: 'Person', cell: (event) => <Actor event={event} /> },
                  { key: 'organisation', header: 'Organisation', cell: (event) => <Organisation event={event} /> },
                  { key: 'target', header: 'Target', cell: (event) => <Target event={event} /> },
                  { key: 'ip', header: 'IP address', cell: (event) => event.ipAddress ?? '—' },
                ]}
              />
              <p role="status" className="lena-muted">
                Showing {auditEvents.items.length} {auditEvents.items.length === 1 ? 'event' : 'events'}
                {auditEvents.nextCursor ? '' : ' (all of them)'}.
              </p>
              {moreError && <Alert tone="error" title={moreError} />}
              {auditEvents.nextCursor && (
                <Button variant="secondary" busy={loadingMore} onClick={() => void loadMore(auditEvents.nextCursor!)}>
                  Load more
                </Button>
              )}
            </>
          )
        }
      </QueryView>
    </Page>
  );
}
