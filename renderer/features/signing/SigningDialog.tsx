import { useEffect, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, ContractError, FileContent } from '../../../preload/contract';
import { Dialog } from '../../app/Dialog';
import { useAppDispatch, useClient } from '../../app/hooks';
import { actions } from '../../app/store';
import { ActionError } from '../cases/ActionError';
import { base64ToBytes } from '../../app/files';
import { useAction } from '../cases/hooks';
import { sha256Hex, SignatureRecorder } from './capture';
import { SignatureCanvas } from './SignatureCanvas';

interface ShownPdf {
  file: FileContent;
  url: string;
  sha256: string;
  /** The desktop app opens no browser tabs: there the core's own PDF viewer shows it. */
  viewer: 'tab' | 'core';
}

/**
 * The application as the core makes it now, fetched once: the client may open exactly these bytes,
 * and their hash goes with the signature so the core can prove it is what the client signed.
 */
function useShownApplication(caseId: string) {
  const client = useClient();
  const [pdf, setPdf] = useState<ShownPdf | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let mounted = true;
    let url: string | null = null;
    void (async () => {
      const [result, info] = await Promise.all([client.invoke('cases.pdf', { id: caseId, kind: 'application' }), client.invoke('app.info', {})]);
      if (!mounted) return;
      if (!result.ok) {
        setError(result.error);
        return;
      }
      try {
        const bytes = base64ToBytes(result.data.contentBase64);
        const sha256 = await sha256Hex(bytes);
        if (!mounted) return;
        url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
        setPdf({ file: result.data, url, sha256, viewer: info.ok && info.data.host === 'electron' ? 'core' : 'tab' });
      } catch {
        if (mounted) setFailed(true);
      }
    })();
    return () => {
      mounted = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [client, caseId]);

  return { pdf, error, failed };
}

/**
 * The client checks the application and signs it on the screen; the clerk then confirms. Escape or
 * Atcelt closes without storing anything.
 */
export function SigningDialog({ detail, onClose }: { detail: CaseDetail; onClose(): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const dispatch = useAppDispatch();
  const action = useAction();
  const { pdf, error: loadError, failed } = useShownApplication(detail.id);
  const [recorder] = useState(() => new SignatureRecorder());
  const [ink, setInk] = useState({ signed: false, full: false });
  const [generation, setGeneration] = useState(0);
  const [signer, setSigner] = useState(detail.client?.name ?? '');
  const [pad, setPad] = useState<string | null>(null);
  const [onPad, setOnPad] = useState(false);

  // A desk set to sign on a pad, with one plugged in, offers it; the screen stays the fallback.
  useEffect(() => {
    let live = true;
    void client.invoke('devices.signing', {}).then((result) => {
      if (live && result.ok && result.data.signatureSource === 'pad') setPad(result.data.pads[0]?.model ?? null);
    });
    return () => {
      live = false;
    };
  }, [client]);

  async function signOnPad() {
    if (!pdf || action.busy) return;
    setOnPad(true);
    const result = await action.run(
      () => client.invoke('cases.signOnPad', { caseId: detail.id, pdfSha256: pdf.sha256, signer: { name: signer.trim() } }),
      () => t('signing.signed', { number: detail.caseNumber }),
    );
    setOnPad(false);
    if (result.ok) onClose();
  }

  function close() {
    if (onPad) void client.invoke('cases.cancelOnPad', { caseId: detail.id });
    onClose();
  }

  function view(e: MouseEvent, shown: ShownPdf) {
    if (shown.viewer === 'tab') return;
    e.preventDefault();
    void client.invoke('app.printPdf', { file: shown.file });
  }

  function clear() {
    recorder.clear();
    setInk({ signed: false, full: false });
    setGeneration((g) => g + 1);
    dispatch(actions.announced(t('signing.cleared')));
  }

  async function confirm() {
    if (!pdf || !ink.signed || action.busy) return;
    const result = await action.run(
      () => client.invoke('cases.sign', { caseId: detail.id, pdfSha256: pdf.sha256, signer: { name: signer.trim() }, capture: recorder.capture() }),
      () => t('signing.signed', { number: detail.caseNumber }),
    );
    if (result.ok) onClose();
  }

  const state = ink.full ? t('signing.full') : ink.signed ? t('signing.inked') : t('signing.empty');
  return (
    <Dialog titleId="signing-title" onClose={close} wide>
      <h2 id="signing-title">{t('signing.title')}</h2>
      <p>
        {t('signing.caseNumber', { number: detail.caseNumber })}
        <br />
        {t('signing.service', { service: `${detail.service.code} ${detail.service.name}` })}
      </p>
      <p>
        <strong>{t('signing.youSign')}</strong>{' '}
        {pdf ? (
          <a href={pdf.url} target="_blank" rel="noopener" onClick={(e) => view(e, pdf)}>
            {t('signing.viewPdf')}
          </a>
        ) : (
          !loadError && !failed && <span className="muted">{t('signing.preparing')}</span>
        )}
      </p>
      <ActionError error={loadError} />
      {failed && (
        <p className="error" role="alert">
          {t('signing.unavailable')}
        </p>
      )}
      <div className="field">
        <label htmlFor="signing-signer">{t('signing.signer')}</label>
        <input id="signing-signer" data-autofocus value={signer} maxLength={200} autoComplete="off" aria-describedby="signing-signer-hint" onChange={(e) => setSigner(e.target.value)} />
        <p id="signing-signer-hint" className="hint">
          {t('signing.signerHint')}
        </p>
      </div>
      {pad && (
        <div className="notice">
          <p>{onPad ? t('signing.padWaiting', { model: pad }) : t('signing.padReady', { model: pad })}</p>
          {!onPad && (
            <button type="button" className="primary" disabled={!pdf} onClick={() => void signOnPad()}>
              {t('signing.onPad', { model: pad })}
            </button>
          )}
        </div>
      )}
      <p id="signing-instruction" className="hint">
        {t('signing.instruction')}
      </p>
      <SignatureCanvas
        recorder={recorder}
        generation={generation}
        label={t('signing.area')}
        describedBy="signing-instruction signing-state"
        onInk={() => setInk({ signed: recorder.signed, full: recorder.full })}
      />
      <p id="signing-state" className={ink.full ? 'error' : 'muted'} aria-live="polite">
        {state}
      </p>
      <ActionError error={action.error} />
      <div className="actions">
        <button type="button" className="primary" disabled={!pdf || !ink.signed} aria-busy={action.busy || undefined} onClick={() => void confirm()}>
          {t('signing.confirm')}
        </button>
        <button type="button" onClick={clear}>
          {t('signing.clear')}
        </button>
        <button type="button" onClick={close}>
          {t('signing.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
