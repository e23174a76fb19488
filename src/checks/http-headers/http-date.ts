/**
 * HTTP-date (RFC 9110 §5.6.7), read as a cache must: exactly one of
 *
 *   IMF-fixdate  `Sun, 06 Nov 1994 08:49:37 GMT`
 *   RFC 850      `Sunday, 06-Nov-94 08:49:37 GMT`  (obsolete)
 *   asctime      `Sun Nov  6 08:49:37 1994`        (always GMT)
 *
 * Names are case-sensitive and spacing is exact. Anything else (`UTC`, a
 * missing comma, double spaces, dashes in an IMF-fixdate, a one-digit hour,
 * a bare year) is not a date, though `Date.parse` accepts most of it.
 */

const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)'
const DAY_LONG = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)'
const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec'
]
const MONTH = `(${MONTHS.join('|')})`
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})'

const IMF_FIXDATE = new RegExp(
  `^${DAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`
)
const RFC_850 = new RegExp(
  `^${DAY_LONG}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`
)
const ASCTIME = new RegExp(
  `^${DAY} ${MONTH} ((?:\\d{2})|(?: \\d)) ${TIME} (\\d{4})$`
)

/**
 * Milliseconds since the epoch, or undefined when `value` is not an
 * HTTP-date. `now` places RFC 850's two-digit year: the nearest year with
 * those digits that is not more than 50 years in the future.
 */
export function parseHttpDate(
  value: string,
  now: number = Date.now()
): number | undefined {
  let match = IMF_FIXDATE.exec(value)
  if (match) {
    const [, day, month, year, ...time] = match
    return utc(Number(year), month, day, time)
  }
  match = RFC_850.exec(value)
  if (match) {
    const [, day, month, twoDigits, ...time] = match
    return utc(nearestYear(Number(twoDigits), now), month, day, time)
  }
  match = ASCTIME.exec(value)
  if (match) {
    const [, month, day, hour, minute, second, year] = match
    return utc(Number(year), month, day, [hour, minute, second])
  }
  return undefined
}

function utc(
  year: number,
  month: string,
  day: string,
  [hour, minute, second]: string[]
): number | undefined {
  const fields = {
    month: MONTHS.indexOf(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    // 60 is a leap second (RFC 9110 §5.6.7); it reads as the next second.
    second: Number(second)
  }
  if (fields.hour > 23 || fields.minute > 59 || fields.second > 60) {
    return undefined
  }
  // setUTCFullYear, unlike Date.UTC, keeps the years 0-99 as written.
  const date = new Date(0)
  date.setUTCFullYear(year, fields.month, fields.day)
  date.setUTCHours(fields.hour, fields.minute, Math.min(fields.second, 59))
  // 31 Feb rolls over into March: such a date does not exist.
  if (date.getUTCDate() !== fields.day) return undefined
  return date.getTime() + (fields.second === 60 ? 1000 : 0)
}

function nearestYear(twoDigits: number, now: number): number {
  const limit = new Date(now).getUTCFullYear() + 50
  return limit - (((limit % 100) - twoDigits + 100) % 100)
}
