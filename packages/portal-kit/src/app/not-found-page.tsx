import { Link, Page } from '@lena/ui';

export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p>If you typed the web address, check it is correct. If you pasted it, check you copied the whole address.</p>
      <p>
        <Link href="/">Go to the home page</Link>
      </p>
    </Page>
  );
}
