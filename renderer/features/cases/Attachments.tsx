import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../preload/contract';
import { useApp, useAppDispatch, useClient } from '../../app/hooks';
import { actions } from '../../app/store';
import { ScanDialog } from '../scanning/ScanDialog';
import { ActionError } from './ActionError';
import { readBase64 } from '../../app/files';
import { formatSize, MAX_ATTACHMENT_BYTES, mediaTypeOf } from './format';
import { useAction } from './hooks';

/**
 * The case's documents. A document is first stored on this desk and then uploaded, resumably; until
 * then the clerk sees it exists only here (and must not discard the paper yet). The list itself is
 * refreshed by the `cases.changed` that attaching raises.
 */
export function Attachments({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const client = useClient();
  const dispatch = useAppDispatch();
  const locale = useApp((s) => s.locale);
  const action = useAction();
  const [problem, setProblem] = useState<string | null>(null);
  const [scanning, setScanning] = useState(false);

  async function attach(e: ChangeEvent<HTMLInputElement>) {
    const input = e.currentTarget;
    const file = input.files?.[0];
    // Not disabled while busy: disabling the focused input would drop the keyboard user's focus.
    if (!file || action.busy) return;
    // Cleared at once, so choosing the same file again (after a failure) still fires a change.
    input.value = '';
    const fail = (text: string) => {
      setProblem(text);
      action.setError(null);
      dispatch(actions.announced(text));
    };
    if (file.size > MAX_ATTACHMENT_BYTES) return fail(t('caseWork.tooLarge', { name: file.name }));
    setProblem(null);
    dispatch(actions.announced(t('caseWork.attaching', { name: file.name })));
    let contentBase64: string;
    try {
      contentBase64 = await readBase64(file);
    } catch {
      return fail(t('caseWork.readFailed', { name: file.name }));
    }
    await action.run(
      () => client.invoke('cases.attach', { caseId: detail.id, file: { name: file.name.slice(0, 200), mediaType: mediaTypeOf(file), contentBase64 } }),
      (a) => t('caseWork.attached', { name: a.name }),
    );
  }

  return (
    <section className="case-section" aria-labelledby="case-attachments-title">
      <h3 id="case-attachments-title">{t('caseWork.attachmentsTitle')}</h3>
      {detail.attachments.length === 0 ? (
        <p className="muted">{t('caseWork.noAttachments')}</p>
      ) : (
        <ul className="case-attachments">
          {detail.attachments.map((a) => (
            <li key={a.id}>
              <strong>{a.name}</strong> <span className="muted">{formatSize(a.size, locale)}</span> —{' '}
              {a.state === 'local' ? <span className="case-pending">{t('caseWork.local')}</span> : t('caseWork.uploaded')}
              {a.error && <p className="error">{a.error}</p>}
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor="case-attach">{t('caseWork.attach')}</label>
        <input
          id="case-attach"
          type="file"
          accept=".pdf,.png,.jpg,.jpeg,.tif,.tiff,application/pdf,image/png,image/jpeg,image/tiff"
          aria-describedby="case-attach-hint"
          onChange={(e) => void attach(e)}
        />
        <p id="case-attach-hint" className="hint">
          {t('caseWork.attachHint')}
        </p>
      </div>
      <button type="button" onClick={() => setScanning(true)}>
        {t('scanning.open')}
      </button>
      {scanning && <ScanDialog caseId={detail.id} caseNumber={detail.caseNumber} onClose={() => setScanning(false)} />}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <ActionError error={action.error} />
    </section>
  );
}
