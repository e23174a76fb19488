import { CannotJudgeError, CheckError } from '../../src/errors.ts'
import { describe, expect, it } from 'vitest'
import type { CheckSet } from '../../src/checks/registry.ts'
import type { Unit } from '../../src/checks/types.ts'
import { runChecks } from '../../src/engine/run.ts'
import { policyFrom, testContext } from '../support/context.ts'

const POLICY =
  'version: 1\nsmoke:\n  - path: /a\n  - path: /b\n    level: warn\n'

function unit(name: string, run: Unit['run'], extra: Partial<Unit> = {}): Unit {
  return { name, level: 'error', policyPath: ['smoke', 0], run, ...extra }
}

async function runWith(
  units: Unit[],
  options: {
    deadlineMs?: number
    extraTimeMs?: number
    only?: ('smoke' | 'tls')[]
    yaml?: string
  } = {}
) {
  const extraTimeMs =
    options.extraTimeMs === undefined
      ? undefined
      : () => options.extraTimeMs as number
  const checks = {
    smoke: { kind: 'smoke', units: () => units, extraTimeMs }
  } as unknown as CheckSet
  const { signal: _signal, ...context } = testContext()
  return runChecks({
    loaded: policyFrom(options.yaml ?? POLICY),
    context,
    checks,
    only: options.only,
    deadlineMs: options.deadlineMs ?? 10_000
  })
}

describe('engine', () => {
  it('reports the whole run unjudged when a unit cannot read what the policy names at its base', async () => {
    const report = await runWith([
      unit('baseline', async () => {
        throw new CannotJudgeError('cannot read the base commit ba5e000')
      }),
      unit('other', async () => ({ ok: true, summary: 'fine' }))
    ])
    expect(report).toMatchObject({
      result: 'fail',
      error: 'cannot read the base commit ba5e000'
    })
    expect(report.checks.map(c => c.status)).toEqual(['skip', 'skip'])
  })

  it('maps outcomes and levels to statuses, and fails the gate on fail or error', async () => {
    const report = await runWith([
      unit('ok', async () => ({ ok: true, summary: 'fine' })),
      unit('bad', async () => ({ ok: false, summary: 'broken' })),
      unit('soft', async () => ({ ok: false, summary: 'meh' }), {
        level: 'warn'
      }),
      unit('down', async () => {
        throw new CheckError('connection refused (http://127.0.0.1:9)')
      }),
      unit('bug', async () => {
        throw new TypeError('x is undefined')
      })
    ])
    expect(report.checks.map(c => [c.name, c.status, c.summary])).toEqual([
      ['ok', 'pass', 'fine'],
      ['bad', 'fail', 'broken'],
      ['soft', 'warn', 'meh'],
      ['down', 'error', 'connection refused (http://127.0.0.1:9)'],
      ['bug', 'error', 'internal error: x is undefined']
    ])
    expect(report.result).toBe('fail')
    expect(report.summary).toBe(
      '3 of 5 checks failed: smoke bad broken, smoke down connection refused (http://127.0.0.1:9), smoke bug internal error: x is undefined'
    )
  })

  it('passes with warnings only, and a warn-level error does not fail the gate', async () => {
    const report = await runWith([
      unit('soft', async () => ({ ok: false, summary: 'meh' }), {
        level: 'warn'
      }),
      unit(
        'flaky',
        async () => {
          throw new CheckError('timeout')
        },
        { level: 'warn' }
      )
    ])
    expect(report.checks.map(c => c.status)).toEqual(['warn', 'error'])
    expect(report.result).toBe('pass')
    expect(report.summary).toBe('2 of 2 checks passed (2 warned)')
  })

  it('reports a passing unit with advice as warn, without failing the gate', async () => {
    const report = await runWith([
      unit('cookies', async () => ({
        ok: true,
        summary: '200; warning: cookie "sid" has no SameSite',
        findings: [
          { severity: 'warning', message: 'cookie "sid" has no SameSite' }
        ]
      }))
    ])
    expect(report.checks[0].status).toBe('warn')
    expect(report.result).toBe('pass')
  })

  it('reports a unit that outlives the deadline as error, never pass', async () => {
    const report = await runWith([unit('stuck', () => new Promise(() => {}))], {
      deadlineMs: 100
    })
    expect(report.checks[0]).toMatchObject({
      status: 'error',
      summary: 'did not finish before the run deadline'
    })
    expect(report.result).toBe('fail')
  })

  it('extends the deadline by the time a check asks for (load tests)', async () => {
    const slow = unit(
      'load',
      () =>
        new Promise(resolve =>
          setTimeout(() => resolve({ ok: true, summary: 'done' }), 100)
        )
    )
    const report = await runWith([slow], { deadlineMs: 10, extraTimeMs: 5000 })
    expect(report.checks[0].status).toBe('pass')
  })

  it('skips kinds left out by the checks selection and kinds without an implementation', async () => {
    const report = await runWith(
      [unit('ok', async () => ({ ok: true, summary: 'fine' }))],
      {
        only: ['tls'],
        yaml: 'version: 1\nsmoke:\n  - path: /\ntls: {}\n'
      }
    )
    expect(report.checks.map(c => [c.kind, c.status, c.summary])).toEqual([
      ['smoke', 'skip', 'not selected by the checks input'],
      ['tls', 'skip', 'not implemented yet']
    ])
    expect(report.summary).toBe('no checks ran (2 skipped)')
  })

  it('runs exclusive units alone, after the rest', async () => {
    let inFlight = 0
    let overlapSeen = false
    const tracked = (name: string, exclusive: boolean) =>
      unit(
        name,
        async () => {
          inFlight++
          if (exclusive && inFlight > 1) overlapSeen = true
          await new Promise(resolve => setImmediate(resolve))
          inFlight--
          return { ok: true, summary: name }
        },
        { exclusive }
      )
    const report = await runWith([
      tracked('load', true),
      tracked('a', false),
      tracked('b', false)
    ])
    expect(overlapSeen).toBe(false)
    expect(report.checks.map(c => c.name)).toEqual(['load', 'a', 'b'])
  })

  it('records where the policy declared each check', async () => {
    const report = await runWith([
      unit('ok', async () => ({ ok: true, summary: 'x' }), {
        policyPath: ['smoke', 1]
      })
    ])
    expect(report.checks[0].source).toEqual({
      file: 'policy.yml',
      line: 4,
      column: 5
    })
  })
})
