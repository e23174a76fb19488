import { CheckError } from '../errors.ts'
import type { HttpResponse } from '../net/http.ts'
import { protectionHint } from '../net/protection.ts'
import type { Policy } from '../policy/schema.ts'
import { asList } from '../util/list.ts'
import { failedOutcome } from './outcome.ts'
import { PreparedRequest, type RequestShape } from '../net/request.ts'
import { commitScope, renderDeep } from '../util/template.ts'
import { itemLabel } from './target.ts'
import type { Check, Finding, UnitOutcome } from './types.ts'
import { requestsPlan } from './plan.ts'

export type SmokeItem = NonNullable<Policy['smoke']>[number]

/** What an answer must be: the smoke keys, shared by journey steps and the wait. */
export type Expectations = Pick<
  SmokeItem,
  'status' | 'contains' | 'json' | 'headers' | 'max_time'
>

export const smokeCheck: Check<'smoke'> = {
  kind: 'smoke',
  plan: (items, policy) => requestsPlan(policy, items.length, 'items'),
  units: items =>
    items.map((item, index) => ({
      name: itemLabel(item),
      level: item.level,
      policyPath: ['smoke', index],
      async run(ctx) {
        const scope = { values: commitScope(ctx.sha) }
        const res = await ctx.http.sendWithRetries({
          ...new PreparedRequest(smokeRequestShape(item), ctx.target).render(
            scope
          ),
          signal: ctx.signal
        })
        if (res.truncated) {
          throw new CheckError(
            `the response body is larger than ${res.body.length} bytes; it was not read whole`
          )
        }
        return evaluateSmoke(
          renderDeep(expectations(item), scope) as Expectations,
          res
        )
      }
    }))
}

/** A smoke-style item's request: its request headers are `request_headers`. */
export function smokeRequestShape(item: SmokeRequest): RequestShape {
  return { ...item, headers: item.request_headers }
}

/** A smoke-style item's expectations. */
export function expectations(item: SmokeRequest): Expectations {
  const { status, contains, json, headers, max_time } = item
  return { status, contains, json, headers, max_time }
}

const BODY_EXCERPT_CHARS = 200

/** A request with smoke expectations: a smoke item or the wait's `until`. */
export type SmokeRequest = Omit<SmokeItem, 'name' | 'level'>

/** Judges one response against a smoke item; pure, so tests need no server. */
export function evaluateSmoke(
  item: Expectations,
  res: HttpResponse
): UnitOutcome {
  const findings: Finding[] = []
  const expected = asList(item.status)
  const timeMs = Math.round(res.timeMs)

  if (!expected.includes(res.status)) {
    const hint = protectionHint(res)
    findings.push({
      message: hint
        ? `status ${res.status}: ${hint}`
        : `status ${res.status}, expected ${expected.join(' or ')}`
    })
  }

  const text = res.body.toString('utf8')
  for (const needle of asList(item.contains)) {
    if (!text.includes(needle)) {
      findings.push({
        message: `body does not contain ${JSON.stringify(needle)}`
      })
    }
  }
  // What came back instead, when the status or the text is wrong.
  const notes =
    findings.length > 0 && text.trim() !== '' ? [bodyExcerpt(text)] : []

  if (item.json !== undefined) {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      findings.push({ message: 'body is not JSON' })
    }
    if (parsed !== undefined) {
      const mismatch = subsetMismatch(item.json, parsed, '$')
      if (mismatch) findings.push({ message: `JSON ${mismatch}` })
    }
  }

  for (const [name, want] of Object.entries(item.headers ?? {})) {
    const raw = res.headers[name.toLowerCase()]
    const got = Array.isArray(raw) ? raw.join(', ') : raw
    if (got === undefined) {
      findings.push({
        message: `header ${name} is missing, expected it to contain ${JSON.stringify(want)}`
      })
    } else if (!got.toLowerCase().includes(want.toLowerCase())) {
      findings.push({
        message: `header ${name} is ${JSON.stringify(got)}, expected it to contain ${JSON.stringify(want)}`
      })
    }
  }

  if (item.max_time !== undefined && res.timeMs > item.max_time) {
    findings.push({ message: `took ${timeMs} ms > ${item.max_time} ms` })
  }

  const metrics = {
    status: res.status,
    time_ms: timeMs,
    bytes: res.body.length
  }
  if (findings.length === 0) {
    return {
      ok: true,
      summary: `${res.status} in ${timeMs} ms`,
      metrics,
      findings
    }
  }
  return { ...failedOutcome(findings, metrics), notes }
}

/** The first 200 characters of a body, escaped as a JSON string. */
function bodyExcerpt(text: string): string {
  const chars = [...text.slice(0, 2 * BODY_EXCERPT_CHARS + 1)]
  const shown = chars.slice(0, BODY_EXCERPT_CHARS).join('')
  const more = chars.length > BODY_EXCERPT_CHARS ? '…' : ''
  return `body starts: ${JSON.stringify(shown)}${more}`
}

/**
 * Where `actual` fails to contain `expected`: objects by key, arrays by
 * each expected element matching some actual element, scalars by equality.
 */
export function subsetMismatch(
  expected: unknown,
  actual: unknown,
  at: string
): string | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual))
      return `at ${at}: expected an array, got ${typeName(actual)}`
    for (const [index, want] of expected.entries()) {
      if (!actual.some(got => subsetMismatch(want, got, at) === undefined)) {
        return `at ${at}[${index}]: no element matches ${JSON.stringify(want)}`
      }
    }
    return undefined
  }
  if (expected !== null && typeof expected === 'object') {
    if (
      actual === null ||
      typeof actual !== 'object' ||
      Array.isArray(actual)
    ) {
      return `at ${at}: expected an object, got ${typeName(actual)}`
    }
    for (const [key, want] of Object.entries(expected)) {
      const path = `${at}.${key}`
      if (!(key in actual)) return `at ${path}: missing`
      const mismatch = subsetMismatch(
        want,
        (actual as Record<string, unknown>)[key],
        path
      )
      if (mismatch) return mismatch
    }
    return undefined
  }
  return Object.is(expected, actual)
    ? undefined
    : `at ${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`
}

function typeName(value: unknown): string {
  if (value === null) return 'null'
  return Array.isArray(value) ? 'an array' : typeof value
}
