import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanDevice, ScanDocumentKind, ScanSession, ScanSettings, ScannerCapabilities } from '../../../preload/contract';
import { Dialog } from '../../app/Dialog';
import { errorText } from '../../app/errors';
import { useAppDispatch, useClient } from '../../app/hooks';
import { actions } from '../../app/store';

const documentKinds: ScanDocumentKind[] = ['application', 'identity_document', 'photo'];
type Rotation = 0 | 90 | 180 | 270;
interface Arranged {
  id: string;
  rotation: Rotation;
}

/**
 * Scanning paper into a case: choose the scanner and what is being scanned (which sets sensible
 * settings), watch the pages arrive, then put them in order, turn, drop or rescan them before they
 * are saved on the case as one PDF. Pages already scanned stay when the scanner jams or is unplugged.
 */
export function ScanDialog({ caseId, caseNumber, onClose }: { caseId: string; caseNumber: string; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const dispatch = useAppDispatch();
  const [devices, setDevices] = useState<ScanDevice[] | null>(null);
  const [deviceId, setDeviceId] = useState('');
  const [kind, setKind] = useState<ScanDocumentKind>('application');
  const [capabilities, setCapabilities] = useState<ScannerCapabilities | null>(null);
  const [settings, setSettings] = useState<ScanSettings | null>(null);
  const [scan, setScan] = useState<ScanSession | null>(null);
  const [arranged, setArranged] = useState<Arranged[]>([]);
  const [images, setImages] = useState<Record<string, string>>({});
  const [name, setName] = useState(t('scanning.defaultName', { number: caseNumber }));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void client.invoke('scanner.devices', {}).then((result) => {
      if (!live) return;
      if (!result.ok) return setError(errorText(t, result.error));
      setDevices(result.data.devices);
      setDeviceId(result.data.devices[0]?.id ?? '');
    });
    return () => {
      live = false;
    };
  }, [client, t]);

  useEffect(() => {
    if (!deviceId) return;
    let live = true;
    void client.invoke('scanner.capabilities', { deviceId }).then((result) => {
      if (!live) return;
      if (!result.ok) return setError(errorText(t, result.error));
      setCapabilities(result.data);
      setSettings(result.data.defaults[kind]);
    });
    return () => {
      live = false;
    };
  }, [client, deviceId, kind, t]);

  // Pages arrive while the clerk watches; each new one joins the end of the clerk's order.
  useEffect(() => {
    if (!scan) return;
    const sessionId = scan.sessionId;
    return client.on('scanner.progress', (payload) => {
      if (payload.sessionId !== sessionId) return;
      void client.invoke('scanner.status', { sessionId }).then((result) => {
        if (!result.ok) return;
        setScan(result.data);
        setArranged((current) => {
          const known = new Set(current.map((a) => a.id));
          const kept = current.filter((a) => result.data.pages.some((p) => p.id === a.id));
          return [...kept, ...result.data.pages.filter((p) => !known.has(p.id)).map((p) => ({ id: p.id, rotation: 0 as Rotation }))];
        });
        if (result.data.state === 'failed' && result.data.error) setError(result.data.error.message);
      });
    });
  }, [client, scan]);

  // Each page's image once, as it arrives.
  useEffect(() => {
    if (!scan) return;
    for (const page of scan.pages) {
      if (images[page.id]) continue;
      void client.invoke('scanner.page', { sessionId: scan.sessionId, pageId: page.id }).then((result) => {
        if (result.ok) setImages((all) => ({ ...all, [page.id]: `data:${result.data.mediaType};base64,${result.data.contentBase64}` }));
      });
    }
  }, [client, scan, images]);

  async function start() {
    if (!settings || !deviceId) return;
    setError(null);
    if (scan) await client.invoke('scanner.discard', { sessionId: scan.sessionId });
    setArranged([]);
    const result = await client.invoke('scanner.start', { deviceId, settings });
    if (!result.ok) return setError(errorText(t, result.error));
    setScan(result.data);
  }

  const move = (i: number, by: number) =>
    setArranged((list) => {
      const next = [...list];
      const [page] = next.splice(i, 1);
      if (page) next.splice(Math.max(0, Math.min(next.length, i + by)), 0, page);
      return next;
    });
  const turn = (i: number) => setArranged((list) => list.map((a, n) => (n === i ? { ...a, rotation: ((a.rotation + 90) % 360) as Rotation } : a)));
  const drop = (i: number) => setArranged((list) => list.filter((_, n) => n !== i));
  const blank = new Set(scan?.pages.filter((p) => p.blank).map((p) => p.id) ?? []);

  async function rescan(id: string) {
    if (!scan) return;
    setBusy(true);
    const result = await client.invoke('scanner.rescan', { sessionId: scan.sessionId, pageId: id });
    setBusy(false);
    if (!result.ok) return setError(errorText(t, result.error));
    const fresh = result.data.pages.find((p) => !scan.pages.some((old) => old.id === p.id));
    setScan(result.data);
    if (fresh) setArranged((list) => list.map((a) => (a.id === id ? { id: fresh.id, rotation: 0 } : a)));
  }

  async function save() {
    if (!scan) return;
    setBusy(true);
    const result = await client.invoke('scanner.save', { sessionId: scan.sessionId, caseId, name, pages: arranged });
    setBusy(false);
    if (!result.ok) return setError(errorText(t, result.error));
    dispatch(actions.announced(t('scanning.saved', { count: result.data.pageCount })));
    onClose();
  }

  async function close() {
    if (scan) await client.invoke('scanner.discard', { sessionId: scan.sessionId });
    onClose();
  }

  const scanning = scan?.state === 'scanning';
  return (
    <Dialog titleId="scan-title" onClose={() => void close()} wide>
      <h2 id="scan-title">{t('scanning.title', { number: caseNumber })}</h2>
      {devices !== null && devices.length === 0 && <p className="notice">{t('scanning.noScanner')}</p>}
      <div className="scan-settings">
        <div className="field">
          <label htmlFor="scan-device">{t('scanning.device')}</label>
          <select id="scan-device" data-autofocus value={deviceId} onChange={(e) => setDeviceId(e.target.value)}>
            {(devices ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
                {d.detail ? ` (${d.detail})` : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="scan-kind">{t('scanning.kind')}</label>
          <select id="scan-kind" value={kind} onChange={(e) => setKind(e.target.value as ScanDocumentKind)}>
            {documentKinds.map((k) => (
              <option key={k} value={k}>
                {t(`scanning.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        {capabilities && settings && (
          <>
            <div className="field">
              <label htmlFor="scan-source">{t('scanning.source')}</label>
              <select id="scan-source" value={settings.source} onChange={(e) => setSettings({ ...settings, source: e.target.value as ScanSettings['source'] })}>
                {capabilities.sources.map((s) => (
                  <option key={s} value={s}>
                    {t(`scanning.sources.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="scan-colour">{t('scanning.colour')}</label>
              <select id="scan-colour" value={settings.colourMode} onChange={(e) => setSettings({ ...settings, colourMode: e.target.value as ScanSettings['colourMode'] })}>
                {capabilities.colourModes.map((c) => (
                  <option key={c} value={c}>
                    {t(`scanning.colours.${c}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="scan-resolution">{t('scanning.resolution')}</label>
              <select id="scan-resolution" value={settings.resolution} onChange={(e) => setSettings({ ...settings, resolution: Number(e.target.value) })}>
                {capabilities.resolutions.map((r) => (
                  <option key={r} value={r}>
                    {r} dpi
                  </option>
                ))}
              </select>
            </div>
            {settings.source !== 'flatbed' && (
              <div className="field">
                <label htmlFor="scan-max">{t('scanning.maxPages')}</label>
                <input
                  id="scan-max"
                  type="number"
                  min={1}
                  max={500}
                  inputMode="numeric"
                  value={settings.maxPages ?? ''}
                  aria-describedby="scan-max-hint"
                  onChange={(e) => {
                    const { maxPages: _all, ...rest } = settings;
                    setSettings(e.target.value ? { ...rest, maxPages: Math.max(1, Math.min(500, Number(e.target.value))) } : rest);
                  }}
                />
                <p id="scan-max-hint" className="hint">
                  {t('scanning.maxPagesHint')}
                </p>
              </div>
            )}
          </>
        )}
      </div>
      <div className="form-actions">
        <button type="button" className="primary" onClick={() => void start()} disabled={!settings || scanning}>
          {scan ? t('scanning.again') : t('scanning.start')}
        </button>
        {scanning && (
          <button type="button" onClick={() => void client.invoke('scanner.cancel', { sessionId: scan.sessionId })}>
            {t('scanning.cancel')}
          </button>
        )}
      </div>
      <p role="status" className="muted">
        {scan ? (scanning ? t('scanning.progress', { count: scan.pages.length }) : t('scanning.scanned', { count: scan.pages.length })) : ''}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {arranged.length > 0 && (
        <>
          {blank.size > 0 && (
            <button type="button" onClick={() => setArranged((list) => list.filter((a) => !blank.has(a.id)))}>
              {t('scanning.dropBlank', { count: arranged.filter((a) => blank.has(a.id)).length })}
            </button>
          )}
          <ol className="scan-pages" aria-label={t('scanning.pages')}>
            {arranged.map((a, i) => (
              <li key={a.id}>
                <figure>
                  {images[a.id] ? (
                    <img src={images[a.id]} alt={t('scanning.pageAlt', { n: i + 1 })} style={{ transform: `rotate(${a.rotation}deg)` }} />
                  ) : (
                    <span className="muted">…</span>
                  )}
                  <figcaption>
                    {t('scanning.pageN', { n: i + 1 })}
                    {blank.has(a.id) && <span className="badge">{t('scanning.blank')}</span>}
                  </figcaption>
                </figure>
                <div className="page-actions">
                  <button type="button" onClick={() => move(i, -1)} disabled={i === 0} aria-label={t('scanning.earlier', { n: i + 1 })}>
                    ←
                  </button>
                  <button type="button" onClick={() => move(i, 1)} disabled={i === arranged.length - 1} aria-label={t('scanning.later', { n: i + 1 })}>
                    →
                  </button>
                  <button type="button" onClick={() => turn(i)} aria-label={t('scanning.turn', { n: i + 1 })}>
                    ↻
                  </button>
                  <button type="button" onClick={() => void rescan(a.id)} disabled={busy || scanning} aria-label={t('scanning.rescan', { n: i + 1 })}>
                    {t('scanning.rescanShort')}
                  </button>
                  <button type="button" onClick={() => drop(i)} aria-label={t('scanning.remove', { n: i + 1 })}>
                    ✕
                  </button>
                </div>
              </li>
            ))}
          </ol>
          <div className="field">
            <label htmlFor="scan-name">{t('scanning.name')}</label>
            <input id="scan-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={190} />
          </div>
          <div className="form-actions">
            <button type="button" className="primary" onClick={() => void save()} disabled={busy || scanning || arranged.length === 0}>
              {t('scanning.save', { count: arranged.length })}
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
