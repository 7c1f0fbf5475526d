import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { combineStats, type StatsReport } from '../../../preload/contract/supervision';
import { useApp } from '../../app/hooks';
import { formatCount, formatDay, formatDecimal, formatDuration, formatShortDay } from './format';

const W = 880;
const H = 300;
const PAD = { left: 52, right: 56, top: 16, bottom: 40 };

/** A tidy axis maximum: 1, 2 or 5 times a power of ten, at least `value`. */
function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((m) => m * power >= value) ?? 10) * power;
}

/**
 * Stacked bars of clients served and no-shows per period, with a line of the average wait against the
 * wait target on the right-hand axis. Hand-written SVG: a title and a summary for screen readers, the
 * same figures in a table under it (visually hidden), and the series told apart by shape as well as
 * colour (solid bars, hatched no-shows, a dashed target).
 */
export function HistoryChart({ report }: { report: StatsReport }) {
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  // A plain id: React's own has characters an SVG url(#…) reference does not take.
  const id = `sv${useId().replace(/[^\w-]/gu, '')}`;
  const totals = [...report.totals].sort((a, b) => a.period.localeCompare(b.period));
  if (totals.length === 0) return <p className="muted">{t('supervisor.history.chartEmpty')}</p>;

  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const countMax = niceMax(Math.max(...totals.map((r) => r.served + r.noShows)));
  const waits = totals.map((r) => (r.averageWaitSeconds === null ? null : r.averageWaitSeconds / 60));
  const target = report.waitTargetMinutes;
  const waitMax = niceMax(Math.max(target ?? 0, ...waits.map((w) => w ?? 0)) * 1.1);
  const slot = plotW / totals.length;
  const bar = Math.max(2, Math.min(40, slot * 0.7));
  const x = (i: number) => PAD.left + slot * i + slot / 2;
  const yCount = (n: number) => PAD.top + plotH - (n / countMax) * plotH;
  const yWait = (m: number) => PAD.top + plotH - (m / waitMax) * plotH;
  const labelEvery = Math.max(1, Math.ceil(totals.length / 12));
  const line = waits
    .map((w, i) => (w === null ? null : `${x(i).toFixed(1)},${yWait(w).toFixed(1)}`))
    .filter((p): p is string => p !== null)
    .join(' ');

  const all = combineStats(totals, '*', '', report.from);
  const busiest = totals.reduce((a, b) => (b.served > a.served ? b : a));
  const summary = t('supervisor.history.chartSummary', {
    from: formatDay(report.from, locale),
    to: formatDay(report.to, locale),
    served: formatCount(all.served, locale),
    noShows: formatCount(all.noShows, locale),
    busiest: formatDay(busiest.period, locale),
    busiestServed: formatCount(busiest.served, locale),
    wait: formatDuration(all.averageWaitSeconds),
    target: target === null ? '' : t('supervisor.history.chartTarget', { minutes: target }),
  });
  const ticks = [0, 0.2, 0.4, 0.6, 0.8, 1];

  return (
    <figure className="supervisor-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} width="100%">
        <title id={`${id}-title`}>{t('supervisor.history.chartTitle')}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        <defs>
          <pattern id={`${id}-hatch`} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#f6d7b0" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#8a4b00" strokeWidth="2.5" />
          </pattern>
        </defs>
        {ticks.map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={W - PAD.right} y1={yCount(countMax * f)} y2={yCount(countMax * f)} stroke="#c4ccd6" strokeWidth="1" />
            <text x={PAD.left - 6} y={yCount(countMax * f) + 4} textAnchor="end" fontSize="12" fill="#1b1f24">
              {formatCount(Math.round(countMax * f), locale)}
            </text>
            <text x={W - PAD.right + 6} y={yWait(waitMax * f) + 4} fontSize="12" fill="#1b1f24">
              {formatDecimal(waitMax * f, locale, waitMax < 10 ? 1 : 0)}
            </text>
          </g>
        ))}
        {totals.map((r, i) => (
          <g key={r.period}>
            <rect x={x(i) - bar / 2} y={yCount(r.served)} width={bar} height={yCount(0) - yCount(r.served)} fill="#0b4f8a" />
            <rect x={x(i) - bar / 2} y={yCount(r.served + r.noShows)} width={bar} height={yCount(0) - yCount(r.noShows)} fill={`url(#${id}-hatch)`} stroke="#8a4b00" strokeWidth="0.5" />
            {i % labelEvery === 0 && (
              <text x={x(i)} y={H - PAD.bottom + 16} textAnchor="middle" fontSize="12" fill="#1b1f24">
                {formatShortDay(r.period, locale)}
              </text>
            )}
          </g>
        ))}
        {target !== null && <line x1={PAD.left} x2={W - PAD.right} y1={yWait(target)} y2={yWait(target)} stroke="#a3000f" strokeWidth="2" strokeDasharray="8 5" />}
        {line && <polyline points={line} fill="none" stroke="#c75b00" strokeWidth="2.5" />}
        {waits.map((w, i) => (w === null ? null : <circle key={totals[i]!.period} cx={x(i)} cy={yWait(w)} r="3.5" fill="#c75b00" />))}
        <text x={PAD.left} y={H - 6} fontSize="12" fill="#4a5563">
          {t('supervisor.history.served')} / {t('supervisor.history.noShows')}
        </text>
        <text x={W - PAD.right} y={H - 6} fontSize="12" fill="#4a5563" textAnchor="end">
          {t('supervisor.history.averageWait')}
        </text>
      </svg>
      <figcaption>
        <ul className="supervisor-legend">
          <li>
            <span className="swatch swatch-served" aria-hidden="true" /> {t('supervisor.history.served')}
          </li>
          <li>
            <span className="swatch swatch-noshow" aria-hidden="true" /> {t('supervisor.history.noShows')}
          </li>
          <li>
            <span className="swatch swatch-wait" aria-hidden="true" /> {t('supervisor.history.averageWait')}
          </li>
          {target !== null && (
            <li>
              <span className="swatch swatch-target" aria-hidden="true" /> {t('supervisor.history.waitTarget')} ({target} min)
            </li>
          )}
        </ul>
      </figcaption>
      <table className="visually-hidden">
        <caption>{t('supervisor.history.chartData')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('supervisor.history.periodStart')}</th>
            <th scope="col">{t('supervisor.history.served')}</th>
            <th scope="col">{t('supervisor.history.noShows')}</th>
            <th scope="col">{t('supervisor.history.averageWait')}</th>
          </tr>
        </thead>
        <tbody>
          {totals.map((r) => (
            <tr key={r.period}>
              <th scope="row">{formatDay(r.period, locale)}</th>
              <td>{formatCount(r.served, locale)}</td>
              <td>{formatCount(r.noShows, locale)}</td>
              <td>{formatDuration(r.averageWaitSeconds)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
