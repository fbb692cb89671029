import { ArchiveTeamDocument, describeError, type TeamSummaryFieldsFragment } from '@lena/graphql-client';
import { useMutation } from '@lena/graphql-client/react';
import { ConfirmDialog } from '@lena/ui';
import { useState } from 'react';

/** The archive button and its confirmation, for the list and the team's own page. */
export function useArchiveTeam(onArchived: (team: TeamSummaryFieldsFragment) => void) {
  const [team, setTeam] = useState<TeamSummaryFieldsFragment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [archiveTeam, { loading }] = useMutation(ArchiveTeamDocument, { refetchQueries: ['Teams'] });
  const dialog = (
    <ConfirmDialog
      open={team !== null}
      title={`Archive ${team?.name ?? 'this team'}?`}
      confirmLabel="Yes, archive team"
      busy={loading}
      error={error}
      onCancel={() => {
        setTeam(null);
        setError(null);
      }}
      onConfirm={() => {
        if (!team) return;
        archiveTeam({ variables: { id: team.id } })
          .then(() => {
            setTeam(null);
            onArchived(team);
          })
          .catch((caught: unknown) => setError(describeError(caught).message));
      }}
    >
      <p>The team is hidden from lists and no one can be added to it. Its people stay in your organisation.</p>
    </ConfirmDialog>
  );
  return { ask: (next: TeamSummaryFieldsFragment) => setTeam(next), dialog };
}
