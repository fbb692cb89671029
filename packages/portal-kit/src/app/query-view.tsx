import { describeError } from '@lena/graphql-client';
import { LoadError, Spinner } from '@lena/ui';
import type { ReactNode } from 'react';

export interface QueryViewProps<Data> {
  result: { data?: Data | undefined; loading: boolean; error?: unknown; refetch: () => Promise<unknown> };
  /** e.g. "Loading organisations". */
  loadingLabel: string;
  children: (data: Data) => ReactNode;
}

/**
 * Loading, failure (with "Try again") or the data. Cached data keeps showing while a refetch runs,
 * and a failed refetch of data already shown is left alone.
 */
export function QueryView<Data>({ result, loadingLabel, children }: QueryViewProps<Data>) {
  const { data, loading, error, refetch } = result;
  if (data !== undefined) return <>{children(data)}</>;
  if (error) return <LoadError message={describeError(error).message} onRetry={() => void refetch().catch(() => undefined)} />;
  if (loading) return <Spinner label={loadingLabel} />;
  return null;
}
