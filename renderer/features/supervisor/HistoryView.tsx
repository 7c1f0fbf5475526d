import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { combineStats, statsDimensions, statsPeriods, type StatsDimension, type StatsPeriod, type StatsReport, type StatsRow } from '../../../preload/contract/supervision';
import { errorText } from '../../app/errors';
import { downloadFile } from '../../app/files';
import { useApp, useClient } from '../../app/hooks';
import { formatCount, formatDecimal, formatDuration, formatShare, presetRange, rigaToday, type Preset } from './format';
import { HistoryChart } from './HistoryChart';

const presets: Preset[] = ['thisWeek', 'last30', 'thisMonth', 'last3Months'];
type SortKey = 'label' | 'tickets' | 'served' | 'noShows' | 'averageWaitSeconds' | 'averageServiceSeconds' | 'withinTargetShare' | 'cases' | 'consultations' | 'ratings' | 'averageRating';
const numeric: { key: Exclude<SortKey, 'label'>; label: string; show: (r: StatsRow, locale: 'lv' | 'en') => string }[] = [
  { key: 'tickets', label: 'tickets', show: (r, l) => formatCount(r.tickets, l) },
  { key: 'served', label: 'served', show: (r, l) => formatCount(r.served, l) },
  { key: 'noShows', label: 'noShows', show: (r, l) => formatCount(r.noShows, l) },
  { key: 'averageWaitSeconds', label: 'averageWait', show: (r) => formatDuration(r.averageWaitSeconds) },
  { key: 'averageServiceSeconds', label: 'averageService', show: (r) => formatDuration(r.averageServiceSeconds) },
  { key: 'withinTargetShare', label: 'withinTarget', show: (r, l) => formatShare(r.withinTargetShare, l) },
  { key: 'cases', label: 'cases', show: (r, l) => formatCount(r.cases, l) },
  { key: 'consultations', label: 'consultations', show: (r, l) => formatCount(r.consultations, l) },
  { key: 'ratings', label: 'ratings', show: (r, l) => formatCount(r.ratings, l) },
  { key: 'averageRating', label: 'averageRating', show: (r, l) => formatDecimal(r.averageRating, l, 2) },
];

/** Each key over the whole range, from its rows in every period. */
function byKey(report: StatsReport): StatsRow[] {
  const groups = new Map<string, StatsRow[]>();
  for (const r of report.rows) if (r.key !== '*') groups.set(r.key, [...(groups.get(r.key) ?? []), r]);
  return [...groups.entries()].map(([key, rows]) => combineStats(rows, key, rows.at(-1)?.label ?? key, report.from));
}

export function HistoryView() {
  const { t } = useTranslation();
  const client = useClient();
  const locale = useApp((s) => s.locale);
  const [range, setRange] = useState(() => presetRange('last30', rigaToday()));
  const [period, setPeriod] = useState<StatsPeriod>('week');
  const [by, setBy] = useState<StatsDimension>('service');
  const [report, setReport] = useState<StatsReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The query whose answer is on screen; while it differs from the one asked, the view says it is loading. */
  const [loaded, setLoaded] = useState('');
  const [message, setMessage] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'served', descending: true });

  const badRange = range.from !== '' && range.to !== '' && range.to < range.from;
  const asked = `${range.from}/${range.to}/${period}/${by}`;
  const busy = !badRange && range.from !== '' && range.to !== '' && loaded !== asked;
  useEffect(() => {
    if (!range.from || !range.to || badRange) return;
    let live = true;
    void client.invoke('supervision.history', { from: range.from, to: range.to, period, by }).then((result) => {
      if (!live) return;
      setLoaded(`${range.from}/${range.to}/${period}/${by}`);
      if (!result.ok) return setError(errorText(t, result.error));
      setError(null);
      setReport(result.data);
    });
    return () => {
      live = false;
    };
  }, [client, t, range.from, range.to, badRange, period, by]);

  const rows = useMemo(() => {
    if (!report) return [];
    const list = byKey(report);
    const dir = sort.descending ? -1 : 1;
    return list.sort((a, b) => {
      if (sort.key === 'label') return dir * a.label.localeCompare(b.label, locale);
      const x = a[sort.key] ?? -1;
      const y = b[sort.key] ?? -1;
      return dir * (x - y) || a.label.localeCompare(b.label, locale);
    });
  }, [report, sort, locale]);
  const total = report ? combineStats(report.totals, '*', t('supervisor.history.total'), report.from) : null;

  async function exportAs(format: 'csv' | 'pdf') {
    setMessage('');
    const result = await client.invoke('supervision.export', { from: range.from, to: range.to, period, by, format });
    if (!result.ok) return setError(errorText(t, result.error));
    downloadFile(result.data);
    setMessage(t('supervisor.history.exported', { name: result.data.name }));
  }

  function sortBy(key: SortKey) {
    setSort((s) => (s.key === key ? { key, descending: !s.descending } : { key, descending: key !== 'label' }));
  }
  const ariaSort = (key: SortKey) => (sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none');
  const arrow = (key: SortKey) => (sort.key === key ? (sort.descending ? ' ▼' : ' ▲') : '');

  return (
    <div className="supervisor-history">
      <form className="supervisor-filters" onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>{t('supervisor.history.range')}</legend>
          <label>
            {t('supervisor.history.from')}
            <input type="date" value={range.from} max={range.to || undefined} onChange={(e) => setRange((r) => ({ ...r, from: e.target.value }))} />
          </label>
          <label>
            {t('supervisor.history.to')}
            <input type="date" value={range.to} min={range.from || undefined} onChange={(e) => setRange((r) => ({ ...r, to: e.target.value }))} />
          </label>
          <div role="group" aria-label={t('supervisor.history.presets')} className="supervisor-presets">
            {presets.map((p) => {
              const r = presetRange(p, rigaToday());
              const active = r.from === range.from && r.to === range.to;
              return (
                <button key={p} type="button" aria-pressed={active} onClick={() => setRange(r)}>
                  {t(`supervisor.history.${p}`)}
                </button>
              );
            })}
          </div>
        </fieldset>
        <label>
          {t('supervisor.history.period')}
          <select value={period} onChange={(e) => setPeriod(e.target.value as StatsPeriod)}>
            {statsPeriods.map((p) => (
              <option key={p} value={p}>
                {t(`supervisor.history.periods.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('supervisor.history.by')}
          <select value={by} onChange={(e) => setBy(e.target.value as StatsDimension)}>
            {statsDimensions.map((d) => (
              <option key={d} value={d}>
                {t(`supervisor.history.dimensions.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="supervisor-export">
          <button type="button" onClick={() => void exportAs('csv')} disabled={!report || badRange}>
            {t('supervisor.history.exportCsv')}
          </button>
          <button type="button" onClick={() => void exportAs('pdf')} disabled={!report || badRange}>
            {t('supervisor.history.exportPdf')}
          </button>
        </div>
      </form>
      <p role="status" className="muted">
        {busy ? t('supervisor.loading') : message}
      </p>
      {badRange && (
        <p className="error" role="alert">
          {t('supervisor.history.badRange')}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {report && (
        <>
          <HistoryChart report={report} />
          <section className="case-section" aria-labelledby="sv-history-table">
            <h2 id="sv-history-table">{t('supervisor.history.table', { dimension: t(`supervisor.history.dimensions.${report.by}`) })}</h2>
            <table className="supervisor-table" data-testid="history-table">
              <thead>
                <tr>
                  <th scope="col" aria-sort={ariaSort('label')}>
                    <button type="button" className="sort-button" onClick={() => sortBy('label')} aria-label={t('supervisor.history.sortBy', { column: t(`supervisor.history.dimensionTitle.${report.by}`) })}>
                      {t(`supervisor.history.dimensionTitle.${report.by}`)}
                      <span aria-hidden="true">{arrow('label')}</span>
                    </button>
                  </th>
                  {numeric.map((c) => (
                    <th key={c.key} scope="col" className="num" aria-sort={ariaSort(c.key)}>
                      <button type="button" className="sort-button" onClick={() => sortBy(c.key)} aria-label={t('supervisor.history.sortBy', { column: t(`supervisor.history.col.${c.label}`) })}>
                        {t(`supervisor.history.col.${c.label}`)}
                        <span aria-hidden="true">{arrow(c.key)}</span>
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key}>
                    <th scope="row">{r.label}</th>
                    {numeric.map((c) => (
                      <td key={c.key} className="num">
                        {c.show(r, locale)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              {total && (
                <tfoot>
                  <tr data-testid="history-total">
                    <th scope="row">{total.label}</th>
                    {numeric.map((c) => (
                      <td key={c.key} className="num" data-column={c.key}>
                        {c.show(total, locale)}
                      </td>
                    ))}
                  </tr>
                </tfoot>
              )}
            </table>
          </section>
        </>
      )}
    </div>
  );
}
