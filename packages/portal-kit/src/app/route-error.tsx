import { Alert, Page } from '@lena/ui';

/** Shown if a page crashes while rendering, instead of a blank screen. */
export function RouteError() {
  return (
    <div className="lena-width lena-main">
      <Page title="Sorry, something went wrong">
        <Alert tone="error" title="This page stopped working">
          <p>Reload the page to try again. If it keeps happening, contact Lena support.</p>
        </Alert>
      </Page>
    </div>
  );
}
