import { useTranslation } from 'react-i18next';
import type { Currency } from '../lib/money.ts';
import { formatMoney } from '../supervisor/format.ts';
import { formatBp, lineLabel, type FunnelReport, type RecoveryLine, type VintageReport } from './api.ts';
import { fitLabel } from './fit-label.ts';
import { spreadLabels } from './label-spread.ts';

const W = 620;
const LABEL_W = 170;

/** Recovery rate per line as a bar, with the recovered and placed amounts written on it. */
export function RecoveryChart({ lines, currency }: { lines: RecoveryLine[]; currency: Currency }) {
  const { t, i18n } = useTranslation();
  const rowH = 24;
  const height = lines.length * rowH + 8;
  const plotW = W - LABEL_W - 190;
  const max = Math.max(1, ...lines.map((l) => l.recovery_rate_bp ?? 0));
  return (
    <figure className="sv-figure">
      <figcaption>{t('reports.recovery.chart')}</figcaption>
      <svg role="img" aria-label={t('reports.recovery.chart')} width={W} height={height} viewBox={`0 0 ${W} ${height}`} data-testid="recovery-chart">
        {lines.map((l, i) => {
          const y = i * rowH + 4;
          const w = Math.round((Math.max(0, l.recovery_rate_bp ?? 0) / max) * plotW);
          const label = lineLabel(l, i18n.language);
          return (
            <g key={l.key} data-testid="recovery-bar" data-key={l.key} data-label={label} data-rate-bp={l.recovery_rate_bp ?? ''}>
              <title>{`${label}: ${formatMoney(l.recovered_fen, currency)} / ${formatMoney(l.placed_fen, currency)}`}</title>
              <text x={0} y={y + 9} fontSize="12" dominantBaseline="middle" data-testid="recovery-label">{fitLabel(label, LABEL_W - 6, 12)}</text>
              <rect x={LABEL_W} y={y} width={plotW} height={18} fill="#eef1f4" />
              <rect x={LABEL_W} y={y} width={Math.max(w, 1)} height={18} fill="#1e7a4c" />
              <text x={LABEL_W + plotW + 6} y={y + 9} fontSize="11" dominantBaseline="middle">{formatBp(l.recovery_rate_bp)}</text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

const LINE_COLOURS = ['#2f6fb3', '#1e7a4c', '#8a5a00', '#8b2f6f', '#3d3d3d', '#b33f2f'];
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2', '10 4'];

/**
 * Cumulative recovery rate by months since placement, one line per placement month (colour and
 * dash both differ). Each line is named in the right margin, level with where it ends (spread so
 * no two overlap), behind a sample of its stroke: a name never sits on another line. A month with
 * one point so far (placed this month) is a dot, as a line through one point draws nothing; with
 * no curve past month 0, the axis is that one month, its points in the middle of the plot.
 */
export function VintageChart({ report }: { report: VintageReport }) {
  const { t } = useTranslation();
  const H = 240;
  const pad = { l: 50, r: 150, t: 10, b: 30 };
  const months = Math.max(0, ...report.curves.map((c) => c.points.length - 1));
  const maxBp = Math.max(100, ...report.curves.flatMap((c) => c.points.map((p) => p.cumulative_rate_bp ?? 0)));
  const plotW = W - pad.l - pad.r;
  const x = (k: number) => pad.l + (months === 0 ? plotW / 2 : (k / months) * plotW);
  const y = (bp: number) => H - pad.b - (bp / maxBp) * (H - pad.t - pad.b);
  const labelYs = spreadLabels(report.curves.map((c) => y(c.points.at(-1)?.cumulative_rate_bp ?? 0)), 12, pad.t + 5, H - pad.b);
  return (
    <figure className="sv-figure">
      <figcaption>{t('reports.vintages.chart')}</figcaption>
      <svg role="img" aria-label={t('reports.vintages.chart')} width={W} height={H} viewBox={`0 0 ${W} ${H}`} data-testid="vintage-chart">
        <line x1={pad.l} x2={W - pad.r} y1={H - pad.b} y2={H - pad.b} stroke="#888" />
        <line x1={pad.l} x2={pad.l} y1={pad.t} y2={H - pad.b} stroke="#888" />
        <text x={pad.l - 4} y={y(maxBp)} fontSize="10" textAnchor="end" dominantBaseline="middle">{formatBp(maxBp)}</text>
        <text x={pad.l - 4} y={y(0)} fontSize="10" textAnchor="end" dominantBaseline="middle">0%</text>
        {Array.from({ length: months + 1 }, (_, k) => (
          <text key={k} x={x(k)} y={H - pad.b + 14} fontSize="10" textAnchor="middle">{k}</text>
        ))}
        <text x={(pad.l + W - pad.r) / 2} y={H - 2} fontSize="10" textAnchor="middle">{t('reports.vintages.monthsSince')}</text>
        {report.curves.map((c, i) => {
          const pts = c.points.map((p) => `${x(p.months_since)},${y(p.cumulative_rate_bp ?? 0)}`).join(' ');
          const last = c.points.at(-1);
          const stroke = { stroke: LINE_COLOURS[i % LINE_COLOURS.length], strokeWidth: 2, strokeDasharray: DASHES[i % DASHES.length] };
          const labelX = W - pad.r + 8;
          return (
            <g key={c.placement_month} data-testid="vintage-line" data-month={c.placement_month}>
              <title>{`${c.placement_month}: ${c.points.map((p) => formatBp(p.cumulative_rate_bp)).join(' → ')}`}</title>
              {c.points.length === 1
                ? <circle data-testid="vintage-dot" cx={x(c.points[0]!.months_since)} cy={y(c.points[0]!.cumulative_rate_bp ?? 0)} r={4}
                  fill={stroke.stroke} stroke="#fff" strokeWidth={1} />
                : <polyline points={pts} fill="none" {...stroke} />}
              {last ? <g data-testid="vintage-label">
                <line x1={labelX} x2={labelX + 22} y1={labelYs[i]} y2={labelYs[i]} {...stroke} />
                <text x={labelX + 26} y={labelYs[i]} fontSize="10" dominantBaseline="middle">{`${c.placement_month} ${formatBp(last.cumulative_rate_bp)}`}</text>
              </g> : null}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** The funnel as shrinking bars, each with its count and its share of the stage before. */
export function FunnelChart({ report }: { report: FunnelReport }) {
  const { t } = useTranslation();
  const rowH = 30;
  const height = report.steps.length * rowH + 6;
  const plotW = W - LABEL_W - 130;
  const max = Math.max(1, ...report.steps.map((s) => s.count));
  return (
    <figure className="sv-figure">
      <figcaption>{t('reports.funnel.chart')}</figcaption>
      <svg role="img" aria-label={t('reports.funnel.chart')} width={W} height={height} viewBox={`0 0 ${W} ${height}`} data-testid="funnel-chart">
        {report.steps.map((s, i) => {
          const w = Math.max(1, Math.round((s.count / max) * plotW));
          const yy = i * rowH + 4;
          return (
            <g key={s.stage} data-testid="funnel-bar" data-stage={s.stage} data-count={s.count}>
              <text x={0} y={yy + 11} fontSize="12" dominantBaseline="middle">{t(`reports.funnel.stages.${s.stage}`)}</text>
              <rect x={LABEL_W + (plotW - w) / 2} y={yy} width={w} height={22} fill="#2f6fb3" />
              <text x={LABEL_W + plotW + 6} y={yy + 11} fontSize="11" dominantBaseline="middle">
                {s.from_previous_bp === null ? String(s.count) : `${s.count} (${formatBp(s.from_previous_bp)})`}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
