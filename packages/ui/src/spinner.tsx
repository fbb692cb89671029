import { cx } from './class-names.js';

export interface SpinnerProps {
  /** Read out and shown beside the spinner, e.g. "Loading organisations". */
  label?: string;
  className?: string;
}

/** A loading indicator that screen readers announce once (role="status"). */
export function Spinner({ label = 'Loading', className }: SpinnerProps) {
  return (
    <div role="status" className={cx('lena-loading', className)}>
      <span className="lena-spinner" aria-hidden="true" />
      <span>{label}…</span>
    </div>
  );
}
