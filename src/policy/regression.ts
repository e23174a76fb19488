/**
 * Regression budgets (§7.2): each key of a check's `regression:` map names
 * one metric of its results, with a unit and a better direction. The table
 * holds the keys of check kinds still being built (pages, lighthouse) so
 * their budgets work as soon as those kinds report the metrics.
 */
import { z } from 'zod'
import { parseDuration } from '../util/duration.ts'
import { LIGHTHOUSE_CATEGORIES, PAGE_BUDGET_KEYS } from './budget-keys.ts'

export type MetricUnit =
  'ms' | 'bytes' | 'ratio' | 'req/s' | 'count' | 'points' | 'unitless'

export interface MetricSpec {
  /** The key in the check's `metrics`. */
  metric: string
  unit: MetricUnit
  better: 'lower' | 'higher'
  /** The absolute budget the policy node sets for it, in the metric's unit (for trend charts). */
  absolute: (node: PolicyNode) => number | undefined
}

/** The policy node that holds `regression:` (a latency or pages item, the lighthouse section). */
type PolicyNode = Record<string, unknown>

const at = (node: unknown, ...keys: string[]): number | undefined => {
  let value = node
  for (const key of keys) value = (value as PolicyNode | undefined)?.[key]
  return typeof value === 'number' ? value : undefined
}
const scaled = (value: number | undefined, by: number) =>
  value === undefined ? undefined : value * by

const lower = (
  metric: string,
  unit: MetricUnit,
  absolute: MetricSpec['absolute'] = () => undefined
): MetricSpec => ({ metric, unit, better: 'lower', absolute })
const higher = (
  metric: string,
  unit: MetricUnit,
  absolute: MetricSpec['absolute'] = () => undefined
): MetricSpec => ({ metric, unit, better: 'higher', absolute })

/** Check kind → regression key → metric. */
export const REGRESSION_METRICS: Readonly<
  Record<string, Readonly<Record<string, MetricSpec>>>
> = {
  latency: {
    ...Object.fromEntries(
      (['p50', 'p90', 'p95', 'p99', 'max'] as const).map(key => [
        key,
        lower(`${key}_ms`, 'ms', node => at(node, key))
      ])
    ),
    error_rate: lower('error_rate', 'ratio', node => at(node, 'error_rate')),
    rps: higher('rps', 'req/s')
  },
  pages: {
    ...Object.fromEntries(
      PAGE_BUDGET_KEYS.map(type => [
        type,
        lower(`transfer_bytes_${type.replace('-', '_')}`, 'bytes', node =>
          scaled(at(node, 'budgets', 'sizes', type), 1024)
        )
      ])
    ),
    requests: lower('requests', 'count', node =>
      at(node, 'budgets', 'counts', 'total')
    )
  },
  lighthouse: {
    ...Object.fromEntries(
      LIGHTHOUSE_CATEGORIES.map(key => [
        key,
        higher(key.replace('-', '_'), 'points', node =>
          at(node, 'min_scores', key)
        )
      ])
    ),
    ...Object.fromEntries(
      (['lcp', 'fcp', 'tbt', 'si', 'ttfb'] as const).map(key => [
        key,
        lower(`${key}_ms`, 'ms', node => at(node, 'metrics', key))
      ])
    ),
    cls: lower('cls', 'unitless', node => at(node, 'metrics', 'cls'))
  }
}

/** A parsed budget: relative (a fraction) or absolute (the metric's base unit). */
export interface RegressionBudget {
  /** As written in the policy, for messages and the report. */
  text: string
  relative?: number
  absolute?: number
}

const BYTE_UNITS: Record<string, number> = {
  B: 1,
  KB: 1000,
  kB: 1000,
  KiB: 1024,
  MB: 1_000_000,
  MiB: 1024 * 1024
}

const HINT: Record<MetricUnit, string> = {
  ms: '"20%" or a duration like 50ms',
  bytes: '"10%" or a size like 20KiB',
  ratio: '"20%" or a ratio like 0.01',
  'req/s': '"20%" or a number of requests per second',
  count: '"20%" or a count like 5',
  points: '"10%" or a number of points like 5',
  unitless: '"20%" or a number like 0.005'
}

/** Parses `20%`, or an absolute worsening in the metric's unit; undefined if malformed. */
export function parseRegressionBudget(
  value: string | number,
  unit: MetricUnit
): RegressionBudget | undefined {
  const text = String(value).trim()
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(text)
  if (percent) return { text, relative: Number(percent[1]) / 100 }
  if (unit === 'ms') {
    const ms = parseDuration(text)
    return ms === undefined ? undefined : { text, absolute: ms }
  }
  if (unit === 'bytes') {
    const size = /^(\d+(?:\.\d+)?)\s*(B|KB|kB|KiB|MB|MiB)$/.exec(text)
    return size
      ? { text, absolute: Number(size[1]) * BYTE_UNITS[size[2]] }
      : undefined
  }
  const amount = /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : NaN
  return Number.isFinite(amount) ? { text, absolute: amount } : undefined
}

/** The `regression:` map of a check kind's item, validated against the table. */
export function regressionBudgets(kind: string) {
  const table = REGRESSION_METRICS[kind]
  const shape = Object.fromEntries(
    Object.entries(table).map(([key, spec]) => [
      key,
      z
        .union([z.string(), z.number()])
        .refine(v => parseRegressionBudget(v, spec.unit) !== undefined, {
          error: `expected ${HINT[spec.unit]}`
        })
        .transform(v => parseRegressionBudget(v, spec.unit) as RegressionBudget)
        .optional()
    ])
  )
  return z
    .strictObject(shape)
    .optional()
    .describe(
      'worsening allowed against the baseline of earlier runs ("20%" or an absolute amount); needs history'
    )
}

/** `212 ms`, `180.4 KiB`, `0.012`, `85` */
export function formatMetric(value: number, unit: MetricUnit): string {
  switch (unit) {
    case 'ms':
      return `${roundTo(value, value < 10 ? 1 : 0)} ms`
    case 'bytes':
      return `${roundTo(value / 1024, 1)} KiB`
    case 'req/s':
      return `${roundTo(value, 1)} req/s`
    default:
      return String(roundTo(value, 4))
  }
}

function roundTo(value: number, digits = 0): number {
  const scale = 10 ** digits
  return Math.round(value * scale) / scale
}
