/**
 * Journeys (spec §7.4): ordered steps sharing one cookie jar, each step a
 * request with the smoke expectations, values captured from one answer for
 * the next. A journey stops at its first failing step and names it.
 * Captured values are secrets: masked in the log, redacted in the report.
 */
import { JSONPath } from 'jsonpath-plus'
import { CookieJar } from 'tough-cookie'
import { CheckError } from '../errors.ts'
import type { HttpResponse } from '../net/http.ts'
import { walkRedirects } from '../net/redirects.ts'
import { PreparedRequest, type RenderedRequest } from '../net/request.ts'
import type { Policy } from '../policy/schema.ts'
import {
  commitScope,
  drawGenerated,
  renderDeep,
  type Scope
} from '../util/template.ts'
import { BoundedRegex } from '../util/bounded-regex.ts'
import { errorMessage } from '../util/errors.ts'
import { createRedactor } from '../util/redact.ts'
import { failedOutcome } from './outcome.ts'
import { evaluateSmoke, type Expectations } from './smoke.ts'
import type { Check, CheckContext, Finding, UnitOutcome } from './types.ts'

export type Journey = NonNullable<Policy['journeys']>[number]
export type JourneyStep = Journey['steps'][number]

/** Redirects a step with `follow_redirects` follows, at most. */
const MAX_REDIRECTS = 10
/** A `regex:` capture reads at most this much of the body. */
const REGEX_INPUT_LIMIT = 1024 * 1024

export const journeysCheck: Check<'journeys'> = {
  kind: 'journeys',
  plan(journeys, policy) {
    const requests = journeys.reduce((sum, j) => sum + journeyRequests(j), 0)
    return {
      maxRequests: requests,
      maxMs: requests * policy.defaults.timeout,
      basis: `${journeys.length} journeys, ${journeys.reduce((sum, j) => sum + j.steps.length, 0)} steps (a step that follows redirects: up to ${1 + MAX_REDIRECTS} requests)`
    }
  },
  units: journeys =>
    journeys.map((journey, index) => ({
      name: journey.name,
      level: journey.level,
      policyPath: ['journeys', index],
      async run(ctx) {
        const run = await runJourney(journey, ctx)
        return journeyOutcome(run)
      }
    }))
}

/** The most requests one run of a journey sends. */
export function journeyRequests(journey: Journey): number {
  return journey.steps.reduce(
    (sum, step) => sum + (step.follow_redirects ? 1 + MAX_REDIRECTS : 1),
    0
  )
}

/** What one run of a journey did; the jar and captures serve a load test. */
export interface JourneyRun {
  journey: Journey
  /** One line per step that ran: what it sent, its status and time. */
  steps: string[]
  /** The first failing step (1-based) and why; undefined when all passed. */
  failure?: { step: number; label: string; findings: Finding[] }
  jar: CookieJar
  /** Captured values by name (secrets), plus `sha`/`sha7`. */
  scope: Scope
  /** Every captured value, to mask and redact. */
  secrets: string[]
  timeMs: number
}

/**
 * Runs every step in order until one fails. Throws CheckError (with the
 * step named) when a step gets no HTTP answer at all.
 */
export async function runJourney(
  journey: Journey,
  ctx: CheckContext
): Promise<JourneyRun> {
  const jar = new CookieJar()
  const values = commitScope(ctx.sha)
  // Drawn once, so signup and login in one run use the same address.
  for (const [name, value] of drawGenerated(1)) values.set(name, value)
  const scope: Scope = { values }
  const run: JourneyRun = {
    journey,
    steps: [],
    jar,
    scope,
    secrets: [],
    timeMs: 0
  }
  for (const [index, step] of journey.steps.entries()) {
    const number = index + 1
    const prepared = new PreparedRequest(step, ctx.target)
    const label = stepLabel(step, number, prepared)
    let res: HttpResponse
    try {
      res = await sendStep(step, prepared.render(scope), jar, ctx)
    } catch (error) {
      throw new CheckError(
        createRedactor(run.secrets)(`${label}: ${errorMessage(error)}`)
      )
    }
    run.timeMs += res.timeMs
    const findings = judgeStep(step, res, scope)
    if (findings.length === 0) {
      const missed = await capture(step, res, jar, values, run.secrets)
      findings.push(...missed)
    }
    const time = Math.round(res.timeMs)
    run.steps.push(
      `${label}: ${res.status} in ${time} ms${findings.length > 0 ? ` (failed: ${findings[0].message})` : ''}`
    )
    if (findings.length > 0) {
      run.failure = { step: number, label, findings }
      break
    }
  }
  return run
}

/** `step 2 (login)`, or `step 2 POST /api/login`: templates unrendered. */
function stepLabel(
  step: JourneyStep,
  number: number,
  prepared: PreparedRequest
): string {
  if (step.name) return `step ${number} (${step.name})`
  const method = prepared.method === 'GET' ? '' : `${prepared.method} `
  return `step ${number} ${method}${prepared.label}`
}

/** Sends one step with the jar's cookies, following redirects if asked. */
async function sendStep(
  step: JourneyStep,
  request: RenderedRequest,
  jar: CookieJar,
  ctx: CheckContext
): Promise<HttpResponse> {
  let { method, body } = request
  const headers = { ...request.headers }
  let elapsed = 0
  const send = async (url: URL): Promise<HttpResponse> => {
    const cookies = await jar.getCookieString(url.href)
    const sent = { ...headers }
    if (cookies) {
      sent.cookie = sent.cookie ? `${sent.cookie}; ${cookies}` : cookies
    }
    const res = await ctx.http.send({
      url,
      method,
      headers: sent,
      body,
      signal: ctx.signal,
      // A step that captures reads the login's own token: never re-scanned.
      private: Object.keys(step.capture ?? {}).length > 0
    })
    elapsed += res.timeMs
    for (const cookie of asArray(res.headers['set-cookie'])) {
      await jar.setCookie(cookie, url.href, { ignoreError: true })
    }
    // As browsers do: 303 (and 301/302 after a POST) turn into a GET for
    // the next hop, if the walk takes it.
    if (
      res.status === 303 ||
      ((res.status === 301 || res.status === 302) && method === 'POST')
    ) {
      method = 'GET'
      body = undefined
      delete headers['content-type']
    }
    return res
  }
  if (!step.follow_redirects) return send(request.url)
  const walk = await walkRedirects(request.url, send, {
    maxRequests: MAX_REDIRECTS + 1
  })
  if (walk.end === 'loop' || walk.end === 'too-long') {
    throw new CheckError(`more than ${MAX_REDIRECTS} redirects`)
  }
  return { ...(walk.last as HttpResponse), timeMs: elapsed }
}

/** The smoke expectations of a step, templates rendered. */
function judgeStep(
  step: JourneyStep,
  res: HttpResponse,
  scope: Scope
): Finding[] {
  if (res.truncated) {
    return [
      {
        message: `the response body is larger than ${res.body.length} bytes; it was not read whole`
      }
    ]
  }
  const expectations = renderDeep(
    {
      status: step.status,
      contains: step.contains,
      json: step.json,
      headers: step.response_headers,
      max_time: step.max_time
    },
    scope
  ) as Expectations
  return evaluateSmoke(expectations, res).findings ?? []
}

/** Stores each capture of a step in `values`; a miss is a finding. */
async function capture(
  step: JourneyStep,
  res: HttpResponse,
  jar: CookieJar,
  values: Map<string, string>,
  secrets: string[]
): Promise<Finding[]> {
  const findings: Finding[] = []
  for (const [name, spec] of Object.entries(step.capture ?? {})) {
    let value: string | undefined
    try {
      value = await captureOne(spec, res, jar)
    } catch (error) {
      // A regex past its time limit: named, like any capture that failed.
      findings.push({ message: `capture ${name}: ${errorMessage(error)}` })
      continue
    }
    if (value === undefined) {
      findings.push({ message: `capture ${name}: no match for ${spec}` })
      continue
    }
    values.set(name, value)
    if (value !== '') secrets.push(value)
  }
  return findings
}

async function captureOne(
  spec: string,
  res: HttpResponse,
  jar: CookieJar
): Promise<string | undefined> {
  const colon = spec.indexOf(':')
  const source = spec.slice(0, colon)
  const what = spec.slice(colon + 1)
  switch (source) {
    case 'header':
      return asArray(res.headers[what.toLowerCase()])[0]
    case 'cookie': {
      const cookies = await jar.getCookies(res.url.href)
      return cookies.find(cookie => cookie.key === what)?.value
    }
    case 'json': {
      let json: unknown
      try {
        json = JSON.parse(res.body.toString('utf8'))
      } catch {
        return undefined
      }
      const found = JSONPath({ path: what, json: json as object, wrap: true })
      const first = (found as unknown[])[0]
      if (first === undefined || first === null) return undefined
      return typeof first === 'object' ? JSON.stringify(first) : String(first)
    }
    default:
      return firstGroup(what, res.body.toString('utf8'))
  }
}

/** The first group of a user's pattern, matched under §7.1's time limit. */
function firstGroup(pattern: string, text: string): string | undefined {
  return new BoundedRegex(pattern).exec(text.slice(0, REGEX_INPUT_LIMIT))
    ?.groups[1]
}

function asArray(value: string | string[] | undefined): string[] {
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value]
}

/** The check's outcome: every step in the notes, the failure named. */
export function journeyOutcome(run: JourneyRun): UnitOutcome {
  const total = run.journey.steps.length
  const metrics = {
    steps: total,
    steps_passed: run.failure ? run.failure.step - 1 : total,
    time_ms: Math.round(run.timeMs)
  }
  const secrets = run.secrets
  const redact = createRedactor(secrets)
  const notes = run.steps.map(redact)
  if (!run.failure) {
    return {
      ok: true,
      summary: `${total} steps passed in ${metrics.time_ms} ms`,
      metrics,
      notes,
      secretValues: secrets
    }
  }
  const { label, findings } = run.failure
  const named = findings.map(f => ({
    ...f,
    message: redact(`${label}: ${f.message}`)
  }))
  return { ...failedOutcome(named, metrics), notes, secretValues: secrets }
}
