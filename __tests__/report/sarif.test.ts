import { describe, expect, it } from 'vitest'
import type { CheckResult, Report } from '../../src/report/model.ts'
import { renderSarif } from '../../src/report/sarif.ts'

const check = (over: Partial<CheckResult>): CheckResult => ({
  kind: 'secrets',
  name: 'diff',
  status: 'fail',
  level: 'error',
  summary: '',
  metrics: {},
  findings: [],
  notes: [],
  duration_ms: 1,
  ...over
})

const secret = (file: string, line: number, rule = 'github-token') => ({
  rule,
  file,
  line,
  column: 3,
  message: 'GitHub token in added lines: revoke it',
  redacted: 'ghp_****************abcd',
  fingerprint: `fp-${file}-${line}`
})

const report = (checks: CheckResult[]): Report => ({
  version: 1,
  result: 'fail',
  target: null,
  notes: [],
  started_at: '2026-01-01T00:00:00Z',
  duration_ms: 1,
  summary: '',
  checks
})

describe('renderSarif', () => {
  it('writes SARIF 2.1.0 with rules, locations and fingerprints', () => {
    const sarif = renderSarif(
      report([
        check({
          findings: [
            secret('src/a b.ts', 4),
            secret('src/c.ts', 9, 'aws-access-key-id'),
            secret('src/d.ts', 1),
            { file: 'assets/logo.png', message: 'binary file: not scanned' }
          ]
        }),
        check({
          name: 'bundle',
          status: 'warn',
          level: 'warn',
          findings: [secret('https://site.test/app.js', 1)]
        }),
        check({
          kind: 'smoke',
          name: '/',
          findings: [{ message: 'status 500' }]
        })
      ])
    )
    expect(sarif.version).toBe('2.1.0')
    const [run] = sarif.runs
    expect(run.tool.driver.name).toBe('launch-gate')
    expect(
      run.tool.driver.rules.map(r => [r.id, r.shortDescription.text])
    ).toEqual([
      ['github-token', 'GitHub token committed'],
      ['aws-access-key-id', 'AWS access key id committed']
    ])
    expect(run.results).toHaveLength(3)
    expect(run.results[0]).toEqual({
      ruleId: 'github-token',
      ruleIndex: 0,
      level: 'error',
      message: {
        text: 'GitHub token in added lines: revoke it (ghp_****************abcd)'
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'src/a%20b.ts', uriBaseId: '%SRCROOT%' },
            region: { startLine: 4, startColumn: 3 }
          }
        }
      ],
      partialFingerprints: {
        'launchGateSecret/v1': 'fp-src/a b.ts-4',
        primaryLocationLineHash: 'fp-src/a b.ts-4:1'
      }
    })
    expect(run.results[1].ruleIndex).toBe(1)
  })

  it('marks findings of a warn-level check as warnings and has no results without secrets', () => {
    const warned = renderSarif(
      report([
        check({ status: 'warn', level: 'warn', findings: [secret('a.ts', 1)] })
      ])
    )
    expect(warned.runs[0].results[0].level).toBe('warning')
    expect(renderSarif(report([])).runs).toEqual([])
  })

  it('writes one run per tool that ran, each with its own rules', () => {
    const sarif = renderSarif(
      report([
        check({ findings: [secret('a.ts', 1)] }),
        check({
          kind: 'dependencies',
          name: 'package-lock.json',
          findings: [
            {
              rule: 'GHSA-xxxx-yyyy-zzzz',
              file: 'package-lock.json',
              line: 12,
              message: 'lodash@4.17.20: prototype pollution'
            }
          ]
        })
      ])
    )
    expect(sarif.runs.map(r => r.tool.driver.name)).toEqual([
      'launch-gate',
      'launch-gate-dependencies'
    ])
    expect(sarif.runs.map(r => r.automationDetails.id)).toEqual([
      'launch-gate/secrets/',
      'launch-gate/dependencies/'
    ])
    const [, deps] = sarif.runs
    expect(deps.tool.driver.rules.map(r => r.id)).toEqual([
      'GHSA-xxxx-yyyy-zzzz'
    ])
    expect(deps.results[0]).toMatchObject({
      ruleId: 'GHSA-xxxx-yyyy-zzzz',
      message: { text: 'lodash@4.17.20: prototype pollution' }
    })
    expect(deps.results[0].partialFingerprints).toBeUndefined()
  })
})
