import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PolicyError } from '../../src/policy/errors.ts'
import { loadPolicyFile, parsePolicy } from '../../src/policy/load.ts'
import {
  createRedactor,
  safeToMask,
  redactUrls
} from '../../src/util/redact.ts'

async function loadError(run: () => Promise<unknown>): Promise<PolicyError> {
  try {
    await run()
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError)
    return error as PolicyError
  }
  throw new Error('expected a PolicyError')
}

describe('policy robustness', () => {
  it('refuses a YAML alias bomb at its first alias', async () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i)
      const name = String.fromCharCode(97 + i)
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`)
    }
    const error = await loadError(async () =>
      parsePolicy(`version: 1\n${levels.join('\n')}\n`, 'p.yml', {})
    )
    expect(error.message).toMatch(/^p\.yml:3:\d+: YAML aliases expand too much/)
  })

  it('refuses a policy over 1 MiB and /dev/zero without reading them whole', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lg-policy-'))
    await writeFile(join(dir, 'big.yml'), `version: 1\n#${'x'.repeat(1.5e6)}\n`)
    const big = await loadError(() => loadPolicyFile('big.yml', {}, dir))
    expect(big.message).toBe(
      'big.yml:1:1: cannot read policy: the file is over 1 MiB'
    )
    const zero = await loadError(() => loadPolicyFile('/dev/zero', {}, dir))
    expect(zero.message).toMatch(/^\/dev\/zero:1:1: .*over 1 MiB/)
  })

  it('reports every unknown key, each at its position', async () => {
    const error = await loadError(async () =>
      parsePolicy(
        'version: 1\ntargt: x\nsmoke:\n  - path: /\n    stauts: 200\n    contans: a\n',
        'p.yml',
        {}
      )
    )
    expect(error.problems.map(p => `${p.line}:${p.column}`)).toEqual([
      '2:1',
      '5:5',
      '6:5'
    ])
  })
})

describe('user regexes in the policy', () => {
  it('an invalid one is a policy error at its position', async () => {
    const error = await loadError(async () =>
      parsePolicy(
        'version: 1\nheaders:\n  forbid: [{ header: server, matching: "(a" }]\nsecrets:\n  allow: ["[z-a]"]\n',
        'p.yml',
        {}
      )
    )
    expect(error.problems.map(p => p.line)).toEqual([3, 5])
    expect(error.message).toMatch(/^p\.yml:3:\d+: /)
  })
})

describe('${VAR} values', () => {
  const yaml = `version: 1
target: https://\${HOST}:8443/base?sig=\${SIG}
defaults: { headers: { x-bypass: "\${BYPASS}", x-sha: "\${GITHUB_SHA}" } }
smoke: [{ name: "\${SHORT}", path: / }]
`
  const env = {
    HOST: 'preview.example.com',
    SIG: 'abcdef123456',
    BYPASS: 'bypass-secret-value',
    GITHUB_SHA: 'f'.repeat(40),
    SHORT: 'ab'
  }

  it('hides every interpolated value but public ones and the target host', () => {
    const { hiddenValues } = parsePolicy(yaml, 'p.yml', env)
    expect([...hiddenValues].sort()).toEqual(
      ['ab', 'abcdef123456', 'bypass-secret-value'].sort()
    )
  })

  it('redacts values at any length and URL credentials', () => {
    const redact = createRedactor(['bypass-secret-value', 'ab'])
    expect(redact('name ab, tab, bypass-secret-value!')).toBe(
      'name ***, tab, ***!'
    )
    expect(
      redactUrls(
        'see https://user:pw@h.test/a?x=1&api_key=k&X-Amz-Signature=s&access_token=t.'
      )
    ).toBe(
      'see https://***@h.test/a?x=1&api_key=***&X-Amz-Signature=***&access_token=***.'
    )
  })

  it('masks only values of 8+ characters that are no plain word', () => {
    expect(safeToMask('abc')).toBe(false)
    expect(safeToMask('production')).toBe(false)
    expect(safeToMask('Password')).toBe(false)
    expect(safeToMask('bypass-secret-value')).toBe(true)
    expect(safeToMask('sk_live_0123')).toBe(true)
  })
})
