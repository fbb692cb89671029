import { describeError, SwitchTenantDocument } from '@lena/graphql-client';
import { useMutation, useSession, type Viewer } from '@lena/graphql-client/react';
import { Button, SelectField } from '@lena/ui';
import { useState } from 'react';
import { useNavigate } from 'react-router';

/** For people in several organisations: act in another one (switchTenant issues a new session). */
export function OrganisationSwitcher({ viewer }: { viewer: Viewer }) {
  const { startSession } = useSession();
  const navigate = useNavigate();
  const [chosen, setChosen] = useState(viewer.tenantId ?? '');
  const [error, setError] = useState<string | null>(null);
  const [switchTenant, { loading }] = useMutation(SwitchTenantDocument);
  return (
    <form
      className="lena-inline-form lena-switcher"
      aria-label="Switch organisation"
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen === viewer.tenantId) return;
        setError(null);
        switchTenant({ variables: { tenantId: chosen } })
          .then(async ({ data }) => {
            if (!data) return;
            await startSession(data.switchTenant.viewer);
            navigate('/', { replace: true });
          })
          .catch((caught: unknown) => setError(describeError(caught).message));
      }}
    >
      <SelectField
        label="Organisation"
        name="tenantId"
        options={viewer.memberships.map((membership) => ({ value: membership.tenantId, label: membership.tenantName }))}
        value={chosen}
        onChange={setChosen}
        error={error}
      />
      <Button type="submit" variant="secondary" busy={loading}>
        Switch
      </Button>
    </form>
  );
}
