import { describe, expect, it } from 'vitest'
import { gateKey } from '../../src/engine/gate-key.ts'

describe('gateKey', () => {
  it('joins the workflow file without its ref, the job and the policy path', () => {
    expect(
      gateKey({
        workflowRef: 'octo/app/.github/workflows/gate.yml@refs/pull/7/merge',
        job: 'gate',
        policyPath: '.github/launch-policy.yml'
      })
    ).toBe('octo/app/.github/workflows/gate.yml/gate/.github/launch-policy.yml')
  })

  it('adds history.key when set, and never the target or environment', () => {
    const key = gateKey({
      workflowRef: 'o/r/.github/workflows/n.yml@refs/heads/main',
      job: 'nightly',
      policyPath: 'p.yml',
      extra: 'eu'
    })
    expect(key).toBe('o/r/.github/workflows/n.yml/nightly/p.yml/eu')
  })
})
