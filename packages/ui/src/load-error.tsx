import { Alert } from './alert.js';
import { Button } from './button.js';

export interface LoadErrorProps {
  /** Plain English, e.g. from describeError(error).message. */
  message: string;
  title?: string;
  onRetry?: () => void;
}

/** What a page shows when its data could not be loaded, instead of a blank page. */
export function LoadError({ message, title = 'Sorry, this page could not be loaded', onRetry }: LoadErrorProps) {
  return (
    <Alert tone="error" title={title}>
      <p>{message}</p>
      {onRetry && (
        <Button variant="secondary" onClick={onRetry}>
          Try again
        </Button>
      )}
    </Alert>
  );
}
