import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

/**
 * A modal that takes focus, keeps it inside until Escape or its close button, then gives it back to
 * where it was.
 */
export function Dialog({ titleId, onClose, children, wide = false }: { titleId: string; onClose(): void; children: ReactNode; wide?: boolean }) {
  const dialog = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    dialog.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => previous?.focus();
  }, []);

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
      return;
    }
    if (e.key !== 'Tab') return;
    const focusable = dialog.current?.querySelectorAll<HTMLElement>('button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])');
    if (!focusable || focusable.length === 0) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last?.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first?.focus();
    }
  }

  return (
    <div className="backdrop">
      <div ref={dialog} role="dialog" aria-modal="true" aria-labelledby={titleId} className={wide ? 'dialog wide' : 'dialog'} onKeyDown={onKeyDown}>
        {children}
      </div>
    </div>
  );
}
