/**
 * The one place that knows latency units: samples go in as microseconds
 * (integers, what hdr-histogram-js stores), figures come out in milliseconds.
 */
import {
  build,
  decodeFromCompressedBase64,
  encodeIntoCompressedBase64,
  type Histogram
} from 'hdr-histogram-js'

/** Anything slower than an hour is recorded as an hour. */
const HIGHEST_US = 3_600_000_000

/** Latency figures in milliseconds, from the successful samples only. */
export interface LatencyFigures {
  count: number
  p50: number
  p90: number
  p95: number
  p99: number
  max: number
}

/** Percentiles of the figures, in the order budgets are read. */
export const PERCENTILES = { p50: 50, p90: 90, p95: 95, p99: 99 } as const

/**
 * A latency histogram with 3 significant digits (±0.1 %): memory stays the
 * same whether it holds a hundred samples or a million.
 */
export class LatencyHistogram {
  private readonly histogram: Histogram = build({
    bitBucketSize: 32,
    autoResize: false,
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_US,
    numberOfSignificantValueDigits: 3,
    useWebAssembly: false
  })

  /**
   * Reads HdrHistogram's compressed base64 interchange form (what shard
   * reports carry); throws on anything else.
   */
  static decode(base64: string): LatencyHistogram {
    const histogram = new LatencyHistogram()
    histogram.histogram.add(decodeFromCompressedBase64(base64, 32, false))
    return histogram
  }

  /** HdrHistogram's compressed base64 form, which other HdrHistogram libraries read. */
  encode(): string {
    return encodeIntoCompressedBase64(this.histogram)
  }

  /** Adds every sample of `other`: the merge of two shards' distributions. */
  add(other: LatencyHistogram): void {
    this.histogram.add(other.histogram)
  }

  get count(): number {
    return this.histogram.totalCount
  }

  /** Records one latency given in microseconds. */
  recordMicros(micros: number): void {
    this.histogram.recordValue(
      Math.min(HIGHEST_US, Math.max(1, Math.round(micros)))
    )
  }

  /** Milliseconds at `percentile` (0–100); 0 when empty. */
  percentileMs(percentile: number): number {
    if (this.count === 0) return 0
    // The histogram answers with the top of a bucket, which can sit a hair
    // above the largest sample; never report a percentile above the max.
    const micros = Math.min(
      this.histogram.getValueAtPercentile(percentile),
      this.histogram.maxValue
    )
    return micros / 1000
  }

  figures(): LatencyFigures {
    return {
      count: this.count,
      p50: this.percentileMs(PERCENTILES.p50),
      p90: this.percentileMs(PERCENTILES.p90),
      p95: this.percentileMs(PERCENTILES.p95),
      p99: this.percentileMs(PERCENTILES.p99),
      max: this.count === 0 ? 0 : this.histogram.maxValue / 1000
    }
  }
}
