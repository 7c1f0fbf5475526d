import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, FileContent, Result } from '../../../preload/contract';
import { useClient } from '../../app/hooks';
import { ActionError } from './ActionError';
import { base64ToBytes } from './format';
import { useAction } from './hooks';

function pdfUrl(file: FileContent): string {
  return URL.createObjectURL(new Blob([base64ToBytes(file.contentBase64)], { type: 'application/pdf' }));
}

function download(file: FileContent) {
  const url = pdfUrl(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

function openForPrint(file: FileContent) {
  const url = pdfUrl(file);
  window.open(url, '_blank', 'noopener');
  // The new tab loads the PDF from this URL after open() returns; a minute is ample before freeing it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Whether a PDF can be opened in a viewer of its own. In the desktop app it cannot: the main process
 * refuses every new window that is not an https page (electron/security.ts), and the CSP allows no
 * frames, so there the clerk downloads the PDF and prints it from the system's viewer.
 */
export function useCanOpenPdf(): boolean | null {
  const client = useClient();
  const [web, setWeb] = useState<boolean | null>(null);
  useEffect(() => {
    let mounted = true;
    void client.invoke('app.info', {}).then((r) => {
      if (mounted && r.ok) setWeb(r.data.host === 'web');
    });
    return () => {
      mounted = false;
    };
  }, [client]);
  return web;
}

interface PdfProps {
  label: string;
  printLabel: string;
  load(): Promise<Result<FileContent>>;
  canPrint: boolean;
  /** What the buttons are about when several rows have the same ones (which invoice). */
  describedBy?: string;
}

/** Download and, where the host allows, print: each fetches the PDF fresh, so it shows today's data. */
export function PdfButtons({ label, printLabel, load, canPrint, describedBy }: PdfProps) {
  const { t } = useTranslation();
  const action = useAction();
  async function get(then: (file: FileContent) => void, success: (file: FileContent) => string) {
    if (action.busy) return;
    const result = await action.run(load, success);
    if (result.ok) then(result.data);
  }
  return (
    <span className="case-pdf">
      <button type="button" disabled={action.busy} aria-describedby={describedBy} onClick={() => void get(download, (f) => t('caseWork.downloaded', { name: f.name }))}>
        {label}
      </button>
      {canPrint && (
        <button type="button" disabled={action.busy} aria-describedby={describedBy} onClick={() => void get(openForPrint, () => t('caseWork.opened'))}>
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
  const openable = useCanOpenPdf();
  const canPrint = openable === true;
  return (
    <section className="case-section" aria-labelledby="case-print-title">
      <h3 id="case-print-title">{t('caseWork.printTitle')}</h3>
      <div className="case-actions">
        <PdfButtons
          label={t('caseWork.applicationPdf')}
          printLabel={t('caseWork.printApplication')}
          canPrint={canPrint}
          load={() => client.invoke('cases.pdf', { id: detail.id, kind: 'application' })}
        />
        {/* The receipt confirms a submission, so a draft has none yet. */}
        {detail.status !== 'draft' && (
          <PdfButtons
            label={t('caseWork.receiptPdf')}
            printLabel={t('caseWork.printReceipt')}
            canPrint={canPrint}
            load={() => client.invoke('cases.pdf', { id: detail.id, kind: 'receipt' })}
          />
        )}
      </div>
      {openable === false && <p className="hint">{t('caseWork.printDesktopHint')}</p>}
    </section>
  );
}
