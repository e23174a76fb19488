import { UsageError } from '../../errors.ts'
import type { LatencyBudgets, LatencyItem } from './index.ts'
import type { ErrorCounts, LoadRequestSource, LoadResult } from './load.ts'

/** `shard: i/N`: this runner is shard `index` (1-based) of `count`. */
export interface Shard {
  index: number
  count: number
}

export function parseShard(text: string): Shard {
  const match = /^\s*(\d{1,4})\s*\/\s*(\d{1,4})\s*$/.exec(text)
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(
      `invalid shard '${text}': expected i/N with 1 ≤ i ≤ N, e.g. 2/4`
    )
  }
  return { index, count }
}

/**
 * This shard's part of a whole: `total` split into `count` parts that add
 * up exactly, the remainder going to the first shards.
 */
export function shareOf(total: number, shard: Shard): number {
  const base = Math.floor(total / shard.count)
  return base + (shard.index <= total % shard.count ? 1 : 0)
}

/**
 * The load one shard runs for an item: 1/N of the arrival rate (open
 * model), of the in-flight requests (closed model) and of `requests`.
 */
export function shardLoad<
  T extends { rate?: number; concurrency?: number; requests?: number }
>(item: T, shard: Shard, name: string): T {
  const part = { ...item }
  if (item.rate !== undefined) part.rate = item.rate / shard.count
  if (item.concurrency !== undefined) {
    if (item.concurrency < shard.count) {
      throw new UsageError(
        `latency ${name}: concurrency ${item.concurrency} cannot be split over ${shard.count} shards (each needs at least 1)`
      )
    }
    part.concurrency = shareOf(item.concurrency, shard)
  }
  if (item.requests !== undefined) {
    if (item.requests < shard.count) {
      throw new UsageError(
        `latency ${name}: requests ${item.requests} cannot be split over ${shard.count} shards`
      )
    }
    part.requests = shareOf(item.requests, shard)
  }
  return part
}

/** What a shard's latency check carries beyond its metrics, for the merge. */
export interface ShardMeasurement {
  /** ISO times of the measured window. */
  window: { start: string; end: string }
  errors: ErrorCounts
  budgets: LatencyBudgets
  /** The per-request timeout, for the error breakdown's words. */
  timeout_ms: number
  stopped_by: LoadResult['stoppedBy']
  /** HdrHistogram compressed base64 of the successful latencies (also `metrics.histogram`). */
  histogram: string
}

/** What a shard hands the merge: its distribution, window, errors and the whole item's budgets. */
export function shardMeasurement(
  item: LatencyItem,
  result: LoadResult,
  timeoutMs: number
): ShardMeasurement {
  return {
    window: {
      start: new Date(result.window.start).toISOString(),
      end: new Date(result.window.end).toISOString()
    },
    errors: result.errors,
    budgets: {
      p50: item.p50,
      p90: item.p90,
      p95: item.p95,
      p99: item.p99,
      max: item.max,
      error_rate: item.error_rate,
      requests: item.requests
    },
    timeout_ms: timeoutMs,
    stopped_by: result.stoppedBy,
    histogram: result.histogram.encode()
  }
}

/**
 * Numbers a shard's requests i, i + N, i + 2N…: `{{seq}}` stays unique
 * across the shards of one load, as it is within one runner.
 */
export function shardSequence(
  source: LoadRequestSource,
  shard: Shard
): LoadRequestSource {
  return seq => source(shard.index + (seq - 1) * shard.count)
}
