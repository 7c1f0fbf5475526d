import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceOverview, ScanDevice } from '../../../preload/contract';
import { errorText } from '../../app/errors';
import { useClient } from '../../app/hooks';
import { SignatureRecorder } from '../signing/capture';
import { SignatureCanvas } from '../signing/SignatureCanvas';

/**
 * The desk's devices: scanners of every kind with a test scan, network scanners added by address,
 * Wacom STU pads (the list follows plugging in and out), how clients sign here, and a test signature.
 */
export function DevicesScreen() {
  const { t } = useTranslation();
  const client = useClient();
  const [overview, setOverview] = useState<DeviceOverview | null>(null);
  const [reloads, setReloads] = useState(0);
  const [url, setUrl] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [testImage, setTestImage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [recorder] = useState(() => new SignatureRecorder());
  const [generation, setGeneration] = useState(0);
  const [inked, setInked] = useState(0);

  useEffect(() => {
    let live = true;
    const load = async () => {
      const result = await client.invoke('devices.overview', {});
      if (!live) return;
      if (result.ok) setOverview(result.data);
      else setError(errorText(t, result.error));
    };
    void load();
    const unsubscribe = client.on('devices.changed', () => void load());
    return () => {
      live = false;
      unsubscribe();
    };
  }, [client, t, reloads]);

  async function testScan(device: ScanDevice) {
    setBusy(true);
    setError(null);
    setTestImage(null);
    setMessage(t('devices.testScanning'));
    const capabilities = await client.invoke('scanner.capabilities', { deviceId: device.id });
    if (!capabilities.ok) {
      setBusy(false);
      setMessage(null);
      return setError(errorText(t, capabilities.error));
    }
    const started = await client.invoke('scanner.start', { deviceId: device.id, settings: { ...capabilities.data.defaults.identity_document, maxPages: 1 } });
    if (!started.ok) {
      setBusy(false);
      setMessage(null);
      return setError(errorText(t, started.error));
    }
    const sessionId = started.data.sessionId;
    const unsubscribe = client.on('scanner.progress', (payload) => {
      if (payload.sessionId !== sessionId) return;
      void client.invoke('scanner.status', { sessionId }).then(async (status) => {
        if (!status.ok || status.data.state === 'scanning') return;
        unsubscribe();
        setBusy(false);
        const [page] = status.data.pages;
        if (status.data.error) setError(status.data.error.message);
        if (page) {
          const image = await client.invoke('scanner.page', { sessionId, pageId: page.id });
          if (image.ok) setTestImage(`data:${image.data.mediaType};base64,${image.data.contentBase64}`);
          setMessage(t('devices.testScanDone', { width: page.width, height: page.height }));
        } else {
          setMessage(null);
        }
        await client.invoke('scanner.discard', { sessionId });
      });
    });
  }

  async function addNetwork(e: FormEvent) {
    e.preventDefault();
    const result = await client.invoke('scanner.addNetwork', { url: url.trim() });
    if (!result.ok) return setError(errorText(t, result.error));
    setUrl('');
    setReloads((n) => n + 1);
  }

  async function removeNetwork(address: string) {
    const result = await client.invoke('scanner.removeNetwork', { url: address });
    if (result.ok) setReloads((n) => n + 1);
  }

  async function testPad(path: string) {
    setError(null);
    const result = await client.invoke('devices.testPad', { path });
    if (result.ok) setMessage(t('devices.padOk', { model: result.data.model, firmware: result.data.firmware ?? '—', width: result.data.lcd.width, height: result.data.lcd.height }));
    else setError(errorText(t, result.error));
  }

  async function chooseSource(source: DeviceOverview['signatureSource']) {
    const result = await client.invoke('devices.setSignatureSource', { source });
    if (result.ok) setOverview(result.data);
  }

  return (
    <section className="devices" aria-labelledby="devices-title">
      <h1 id="devices-title">{t('devices.title')}</h1>
      <p role="status" className="muted">
        {message}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="desk-columns">
        <div>
          <section aria-labelledby="devices-scanners">
            <h2 id="devices-scanners">{t('devices.scanners')}</h2>
            {overview && overview.scanners.length === 0 && <p className="notice">{t('devices.noScanners')}</p>}
            <ul className="device-list">
              {overview?.scanners.map((s) => (
                <li key={s.id}>
                  <strong>{s.name}</strong> <span className="muted">{t(`devices.backends.${s.backend}`)}</span>
                  {s.detail && <span className="muted"> · {s.detail}</span>}{' '}
                  <button type="button" onClick={() => void testScan(s)} disabled={busy}>
                    {t('devices.testScan', { name: s.name })}
                  </button>
                </li>
              ))}
            </ul>
            <button type="button" onClick={() => setReloads((n) => n + 1)}>
              {t('devices.refresh')}
            </button>
            {testImage && <img className="test-scan" src={testImage} alt={t('devices.testImage')} />}
          </section>
          <section aria-labelledby="devices-network">
            <h2 id="devices-network">{t('devices.network')}</h2>
            <ul className="device-list">
              {overview?.networkScanners.map((address) => (
                <li key={address}>
                  {address}{' '}
                  <button type="button" onClick={() => void removeNetwork(address)}>
                    {t('devices.removeNetwork', { url: address })}
                  </button>
                </li>
              ))}
            </ul>
            <form onSubmit={(e) => void addNetwork(e)}>
              <label htmlFor="network-url">{t('devices.networkUrl')}</label>
              <input id="network-url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} aria-describedby="network-url-hint" required />
              <p id="network-url-hint" className="hint">
                {t('devices.networkHint')}
              </p>
              <button type="submit">{t('devices.addNetwork')}</button>
            </form>
          </section>
        </div>
        <div>
          <section aria-labelledby="devices-pads">
            <h2 id="devices-pads">{t('devices.pads')}</h2>
            {overview && !overview.padsSupported && <p className="notice">{t('devices.padsUnsupported')}</p>}
            {overview?.padsSupported && overview.pads.length === 0 && <p className="muted">{t('devices.noPads')}</p>}
            <ul className="device-list">
              {overview?.pads.map((p) => (
                <li key={p.path}>
                  <strong>{p.model}</strong> <span className="muted">{p.path}</span>{' '}
                  <button type="button" onClick={() => void testPad(p.path)}>
                    {t('devices.testPad', { model: p.model })}
                  </button>
                </li>
              ))}
            </ul>
          </section>
          <fieldset>
            <legend>{t('devices.source')}</legend>
            {(['screen', 'pad'] as const).map((source) => (
              <label key={source} className="radio">
                <input type="radio" name="signature-source" value={source} checked={overview?.signatureSource === source} onChange={() => void chooseSource(source)} />{' '}
                {t(`devices.sources.${source}`)}
              </label>
            ))}
          </fieldset>
          <section aria-labelledby="devices-test-signature">
            <h2 id="devices-test-signature">{t('devices.testSignature')}</h2>
            <p id="devices-test-signature-hint" className="hint">
              {t('devices.testSignatureHint')}
            </p>
            <SignatureCanvas
              recorder={recorder}
              generation={generation}
              label={t('devices.testSignatureArea')}
              describedBy="devices-test-signature-hint"
              onInk={() => setInked(recorder.inked)}
            />
            <p className="muted">{t('devices.testSignatureCount', { count: inked })}</p>
            <button
              type="button"
              onClick={() => {
                recorder.clear();
                setGeneration((g) => g + 1);
                setInked(0);
              }}
            >
              {t('devices.clear')}
            </button>
          </section>
        </div>
      </div>
    </section>
  );
}
