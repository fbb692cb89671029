import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Button } from './button.js';

export interface ConfirmDialogProps {
  open: boolean;
  /** The dialog's heading and accessible name, e.g. "Suspend Northshire Ambulance?". */
  title: string;
  children?: ReactNode;
  /** e.g. "Yes, suspend organisation". */
  confirmLabel: string;
  cancelLabel?: string;
  tone?: 'danger' | 'primary';
  busy?: boolean;
  /** Shown inside the dialog when the action failed. */
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * Asks before something hard to undo. A native modal <dialog>: focus stays inside, Escape
 * cancels, and focus returns to the button that opened it. Cancel has focus first.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, cancelLabel = 'Cancel', tone = 'danger', busy = false, error, onConfirm, onCancel }: ConfirmDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
      cancelRef.current?.focus();
    } else if (!open && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
    }
  }, [open]);

  return (
    <dialog
      ref={dialogRef}
      className="lena-dialog"
      aria-labelledby={titleId}
      aria-describedby={children ? bodyId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      {open && (
        <>
          <h2 id={titleId} className="lena-dialog__title">
            {title}
          </h2>
          {children && (
            <div id={bodyId} className="lena-dialog__body">
              {children}
            </div>
          )}
          {error && (
            <p role="alert" className="lena-field__error">
              {error}
            </p>
          )}
          <div className="lena-button-group">
            <Button variant={tone} busy={busy} onClick={onConfirm}>
              {confirmLabel}
            </Button>
            <Button variant="secondary" ref={cancelRef} disabled={busy} onClick={onCancel}>
              {cancelLabel}
            </Button>
          </div>
        </>
      )}
    </dialog>
  );
}
