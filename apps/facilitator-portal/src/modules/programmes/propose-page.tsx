import { FacilitatorsDocument, ProgrammeDocument } from '@lena/graphql-client';
import { useQuery } from '@lena/graphql-client/react';
import { flashState, QueryView } from '@lena/portal-kit';
import { Alert, Link, Page } from '@lena/ui';
import { useNavigate, useParams } from 'react-router';
import { ProgrammeSummary } from './programme-summary.js';
import { ProposalForm } from './proposal-form.js';

/** A platform admin proposes facilitators and a schedule for a requested programme. */
export function ProposePage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const programmeResult = useQuery(ProgrammeDocument, { variables: { id }, fetchPolicy: 'network-only' });
  const facilitatorsResult = useQuery(FacilitatorsDocument);
  const programme = programmeResult.data?.programme;
  return (
    <Page title={programme ? `Propose: ${programme.title}` : 'Propose a programme'} backLink={<Link href="/admin/programmes">Back to programmes</Link>}>
      <QueryView result={programmeResult} loadingLabel="Loading the request">
        {({ programme: loaded }) =>
          loaded.availableActions.includes('PROPOSE') ? (
            <QueryView result={facilitatorsResult} loadingLabel="Loading the facilitators">
              {({ facilitators }) => (
                <>
                  <ProgrammeSummary programme={loaded} />
                  <ProposalForm
                    programme={loaded}
                    facilitators={facilitators}
                    onProposed={(proposed) =>
                      navigate('/admin/programmes', { state: flashState(`${proposed.title} has been proposed to ${proposed.tenantName} and is awaiting acceptance.`) })
                    }
                  />
                </>
              )}
            </QueryView>
          ) : (
            <Alert tone="info" title="This programme cannot be proposed now">
              It is no longer waiting for a proposal. <Link href={`/programmes/${loaded.id}`}>See the programme</Link>.
            </Alert>
          )
        }
      </QueryView>
    </Page>
  );
}
