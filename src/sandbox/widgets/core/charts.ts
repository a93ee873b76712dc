/**
 * Chart.js with only what the panels use registered (bar, line, pie; category
 * and linear scales; tooltip and legend), so the rest tree-shakes away.
 * Chart.js 4 needs no eval and injects no style sheets, so it runs under the
 * preview page's CSP.
 */
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PieController,
  PointElement,
  Tooltip,
  type ChartConfiguration
} from 'chart.js'
import { formatCompact, formatNumber, type NumberStyle } from './format'

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, Filler, PieController, ArcElement, CategoryScale, LinearScale, Tooltip, Legend)

export const PALETTE = ['#3563e9', '#14b8a6', '#f59e0b', '#ef4444', '#8b5cf6', '#0ea5e9', '#22c55e', '#ec4899', '#64748b', '#a16207']

export type ChartKind = 'bar' | 'line' | 'pie'

export interface ChartData {
  labels: string[]
  values: number[]
  /** Series name shown in tooltips. */
  seriesLabel: string
  style: NumberStyle
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'

/** Text and line colours for the light and the dark look (styles-dark.ts). */
const INK = {
  light: { legend: '#334155', ticks: '#64748b', grid: '#eef2f7', sliceBorder: '#fff' },
  dark: { legend: '#cbd5e1', ticks: '#9aa8bb', grid: '#243041', sliceBorder: '#18212f' }
} as const

export function chartConfig(kind: ChartKind, data: ChartData, animate = true, dark = false): ChartConfiguration {
  const ink = dark ? INK.dark : INK.light
  const reduceMotion = !animate || (typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches)
  const tooltipLabel = (value: unknown, label: string): string => `${label}: ${formatNumber(value, data.style)}`
  const common = {
    responsive: true,
    maintainAspectRatio: false,
    animation: reduceMotion ? (false as const) : { duration: 350 },
    font: { family: FONT }
  }
  if (kind === 'pie') {
    return {
      type: 'pie',
      data: {
        labels: data.labels,
        datasets: [{ label: data.seriesLabel, data: data.values, backgroundColor: data.labels.map((_, i) => PALETTE[i % PALETTE.length]), borderColor: ink.sliceBorder, borderWidth: 2 }]
      },
      options: {
        ...common,
        plugins: {
          legend: { position: 'right', labels: { boxWidth: 10, boxHeight: 10, usePointStyle: true, font: { family: FONT, size: 12 }, color: ink.legend } },
          tooltip: { callbacks: { label: (ctx) => tooltipLabel(ctx.parsed, String(ctx.label)) } }
        }
      }
    }
  }
  const axis = {
    ticks: { color: ink.ticks, font: { family: FONT, size: 11 }, maxRotation: 0, autoSkip: true, autoSkipPadding: 14 },
    border: { display: false }
  }
  return {
    type: kind,
    data: {
      labels: data.labels,
      datasets: [
        kind === 'line'
          ? {
              label: data.seriesLabel,
              data: data.values,
              borderColor: PALETTE[0],
              backgroundColor: 'rgba(53, 99, 233, 0.12)',
              fill: true,
              tension: 0.3,
              pointRadius: data.values.length > 40 ? 0 : 3,
              pointHoverRadius: 5,
              borderWidth: 2
            }
          : {
              label: data.seriesLabel,
              data: data.values,
              backgroundColor: PALETTE[0],
              hoverBackgroundColor: '#2448b8',
              borderRadius: 4,
              maxBarThickness: 48
            }
      ]
    },
    options: {
      ...common,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { ...axis, grid: { display: false } },
        y: {
          ...axis,
          beginAtZero: true,
          grid: { color: ink.grid },
          ticks: { ...axis.ticks, callback: (value) => formatCompact(value, data.style) }
        }
      },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (ctx) => tooltipLabel(ctx.parsed.y, data.seriesLabel) } }
      }
    }
  }
}

/**
 * Draws a chart; returns undefined when the canvas has no 2D context (e.g.
 * under happy-dom). `animate: false` for redraws after an edit, which should
 * not replay the entrance animation.
 */
export function drawChart(canvas: HTMLCanvasElement, kind: ChartKind, data: ChartData, animate = true): Chart | undefined {
  if (typeof canvas.getContext !== 'function' || canvas.getContext('2d') === null) return undefined
  // Drawn inside the widget's shadow root: its host says whether the dark look is on.
  const root = canvas.getRootNode()
  const dark = root instanceof ShadowRoot && root.host instanceof HTMLElement && root.host.dataset.qvScheme === 'dark'
  return new Chart(canvas, chartConfig(kind, data, animate, dark))
}

export type { Chart }
