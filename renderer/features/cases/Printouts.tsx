import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, FileContent, Result } from '../../../preload/contract';
import { base64ToBytes, downloadFile } from '../../app/files';
import { useClient } from '../../app/hooks';
import { SignOnScreen } from '../signing/SignOnScreen';
import { ActionError } from './ActionError';
import { useAction } from './hooks';

function pdfUrl(file: FileContent): string {
  return URL.createObjectURL(new Blob([base64ToBytes(file.contentBase64)], { type: 'application/pdf' }));
}

/** Browser mode: the browser's own PDF viewer, in a new tab, has the print dialog. */
function openInBrowser(file: FileContent) {
  const url = pdfUrl(file);
  window.open(url, '_blank', 'noopener');
  // The new tab loads the PDF from this URL after open() returns; a minute is ample before freeing it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Which host runs the screen. The desktop app opens no windows for the page (electron/security.ts)
 * and the CSP allows no frames, so there the core shows the PDF in a print viewer of its own.
 */
function useHost(): 'electron' | 'web' | null {
  const client = useClient();
  const [host, setHost] = useState<'electron' | 'web' | null>(null);
  useEffect(() => {
    let mounted = true;
    void client.invoke('app.info', {}).then((r) => {
      if (mounted && r.ok) setHost(r.data.host);
    });
    return () => {
      mounted = false;
    };
  }, [client]);
  return host;
}

interface PdfProps {
  label: string;
  printLabel: string;
  load(): Promise<Result<FileContent>>;
  /** What the buttons are about when several rows have the same ones (which invoice). */
  describedBy?: string;
}

/** Download and, where the host allows, print: each fetches the PDF fresh, so it shows today's data. */
export function PdfButtons({ label, printLabel, load, describedBy }: PdfProps) {
  const { t } = useTranslation();
  const client = useClient();
  const host = useHost();
  const action = useAction();
  async function save() {
    if (action.busy) return;
    const result = await action.run(load, (f) => t('caseWork.downloaded', { name: f.name }));
    if (result.ok) downloadFile(result.data);
  }
  async function print() {
    if (action.busy || !host) return;
    await action.run(async (): Promise<Result<null>> => {
      const file = await load();
      if (!file.ok) return file;
      if (host === 'electron') return client.invoke('app.printPdf', { file: file.data });
      openInBrowser(file.data);
      return { ok: true, data: null };
    }, () => t('caseWork.opened'));
  }
  return (
    <span className="case-pdf">
      <button type="button" disabled={action.busy} aria-describedby={describedBy} onClick={() => void save()}>
        {label}
      </button>
      {host && (
        <button type="button" disabled={action.busy} aria-describedby={describedBy} onClick={() => void print()}>
          {printLabel}
        </button>
      )}
      <ActionError error={action.error} />
    </span>
  );
}

export function Printouts({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const client = useClient();
  return (
    <section className="case-section" aria-labelledby="case-print-title">
      <h3 id="case-print-title">{t('caseWork.printTitle')}</h3>
      <div className="case-actions">
        <PdfButtons
          label={t('caseWork.applicationPdf')}
          printLabel={t('caseWork.printApplication')}
          load={() => client.invoke('cases.pdf', { id: detail.id, kind: 'application' })}
        />
        <SignOnScreen detail={detail} />
        {/* The receipt confirms a submission, so a draft has none yet. */}
        {detail.status !== 'draft' && (
          <PdfButtons
            label={t('caseWork.receiptPdf')}
            printLabel={t('caseWork.printReceipt')}
              load={() => client.invoke('cases.pdf', { id: detail.id, kind: 'receipt' })}
          />
        )}
      </div>
    </section>
  );
}
