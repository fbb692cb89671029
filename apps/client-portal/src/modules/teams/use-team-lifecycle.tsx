import { ArchiveTeamDocument, DeleteTeamDocument, describeError, RestoreTeamDocument, type TeamSummaryFieldsFragment } from '@lena/graphql-client';
import { useMutation } from '@lena/graphql-client/react';
import { useConfirmation } from '@lena/portal-kit';
import { ConfirmDialog } from '@lena/ui';
import { useState } from 'react';

type TeamSummary = TeamSummaryFieldsFragment;

export interface TeamLifecycleCallbacks {
  /** Each gets the team as the API returned it (or, once deleted, as it was). */
  onArchived: (team: TeamSummary) => void;
  onRestored: (team: TeamSummary) => void;
  onDeleted: (team: TeamSummary) => void;
  onError: (message: string) => void;
}

/**
 * Archive (after a confirmation), restore, and delete an archived team (after a confirmation),
 * for the list and the team's own page. Restoring asks nothing: it is undone by archiving again.
 */
export function useTeamLifecycle({ onArchived, onRestored, onDeleted, onError }: TeamLifecycleCallbacks) {
  const [restoringId, setRestoringId] = useState<string | null>(null);
  const [archiveTeam, archiveState] = useMutation(ArchiveTeamDocument, { refetchQueries: ['Teams'] });
  const [restoreTeam] = useMutation(RestoreTeamDocument, { refetchQueries: ['Teams'] });
  const [deleteTeam, deleteState] = useMutation(DeleteTeamDocument, {
    refetchQueries: ['Teams'],
    update: (cache, { data }) => {
      if (data) cache.evict({ id: cache.identify({ __typename: 'Team', id: data.deleteTeam }) });
    },
  });

  const confirmation = useConfirmation(async ({ action, team }: { action: 'archive' | 'delete'; team: TeamSummary }) => {
    if (action === 'archive') {
      const { data } = await archiveTeam({ variables: { id: team.id } });
      onArchived(data?.archiveTeam ?? team);
    } else {
      await deleteTeam({ variables: { id: team.id } });
      onDeleted(team);
    }
  });
  const confirming = confirmation.target;

  const restore = (team: TeamSummary) => {
    setRestoringId(team.id);
    restoreTeam({ variables: { id: team.id } })
      .then(({ data }) => onRestored(data?.restoreTeam ?? team))
      .catch((caught: unknown) => onError(describeError(caught).message))
      .finally(() => setRestoringId(null));
  };

  const team = confirming?.team;
  const dialog = (
    <ConfirmDialog
      title={confirming?.action === 'delete' ? `Delete ${team?.name ?? 'this team'}?` : `Archive ${team?.name ?? 'this team'}?`}
      confirmLabel={confirming?.action === 'delete' ? 'Yes, delete team' : 'Yes, archive team'}
      busy={archiveState.loading || deleteState.loading}
      {...confirmation.dialog}
    >
      {confirming?.action === 'delete' ? (
        <p>The team is removed for good and cannot be restored. Its people stay in your organisation, and its name can be used again.</p>
      ) : (
        <p>The team is hidden from lists and no one can be added to it. Its people stay in your organisation. You can restore it later.</p>
      )}
    </ConfirmDialog>
  );

  return {
    askArchive: (next: TeamSummary) => confirmation.ask({ action: 'archive', team: next }),
    askDelete: (next: TeamSummary) => confirmation.ask({ action: 'delete', team: next }),
    restore,
    restoringId,
    dialog,
  };
}
