import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { shortcutList } from './shortcuts';

/** A modal that keeps focus inside itself until Escape or Close, then gives it back. */
export function HelpDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    closeButton.current?.focus();
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
      <div ref={dialog} role="dialog" aria-modal="true" aria-labelledby="help-title" className="dialog" onKeyDown={onKeyDown}>
        <h2 id="help-title">{t('help.title')}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('help.key')}</th>
              <th scope="col">{t('help.action')}</th>
            </tr>
          </thead>
          <tbody>
            {shortcutList.map((s) => (
              <tr key={s.keys}>
                <td>
                  <kbd>{s.keys}</kbd>
                </td>
                <td>{t(`help.${s.action}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button ref={closeButton} type="button" className="primary" onClick={onClose}>
          {t('help.close')}
        </button>
      </div>
    </div>
  );
}
