// Durations vs ages (§7.0) and the defaults that fit real sites (issue 16).
import { describe, expect, it } from 'vitest'
import { PolicyError } from '../../src/policy/errors.ts'
import { parsePolicy } from '../../src/policy/load.ts'
import { readAge, readDuration } from '../../src/util/duration.ts'

function problemsOf(yaml: string): string {
  try {
    parsePolicy(yaml, 'launch.yml', {})
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError)
    return (error as PolicyError).message
  }
  throw new Error('expected a PolicyError')
}

const cache = (age: string) =>
  `version: 1\ncache:\n  - path: /app.js\n    expect: public\n    min_max_age: ${age}\n`

describe('ages', () => {
  it('accepts seconds and s|m|h|d strings for cache and HSTS lifetimes', () => {
    for (const [written, seconds] of [
      ['86400', 86_400],
      ['1d', 86_400],
      ['12h', 43_200],
      ['30m', 1800],
      ['90s', 90],
      ['730d', 63_072_000]
    ] as const) {
      const { policy } = parsePolicy(cache(written), 'p.yml', {})
      expect(policy.cache?.[0].min_max_age, written).toBe(seconds)
    }
    const { policy } = parsePolicy(
      'version: 1\nheaders:\n  hsts: { min_max_age: 180d }\n',
      'p.yml',
      {}
    )
    expect(policy.headers?.hsts).toMatchObject({ min_max_age: 15_552_000 })
  })

  it('refuses what is no age, at file:line:col', () => {
    expect(problemsOf(cache('1w'))).toBe(
      'launch.yml:5:18: cache.0.min_max_age: expected an age in seconds (86400) or with a unit: 90s, 30m, 12h, 1d, got "1w"'
    )
    expect(problemsOf(cache('731d'))).toContain(
      'launch.yml:5:18: cache.0.min_max_age: expected an age of at most 2 years'
    )
    expect(problemsOf(cache('-1'))).toContain('got -1')
    expect(problemsOf(cache('1.5'))).toContain('expected an age in seconds')
  })
})

describe('timer durations', () => {
  const timeout = (value: string) =>
    `version: 1\ndefaults:\n  timeout: ${value}\nsmoke:\n  - path: /\n`

  it('are above 0 and at most 24h', () => {
    expect(problemsOf(timeout('0ms'))).toBe(
      'launch.yml:3:12: defaults.timeout: expected a duration above 0, got 0ms'
    )
    expect(problemsOf(timeout('25h'))).toBe(
      'launch.yml:3:12: defaults.timeout: expected a duration of at most 24h, got 25h'
    )
    expect(problemsOf(timeout('1d'))).toBe(
      'launch.yml:3:12: defaults.timeout: expected a duration like 500ms, 15s or 2m'
    )
    expect(
      parsePolicy(timeout('24h'), 'p.yml', {}).policy.defaults.timeout
    ).toBe(86_400_000)
  })

  it('parse the same way outside a policy', () => {
    expect(readDuration('1500ms')).toBe(1500)
    expect(readDuration('0s')).toMatch(/above 0/)
    expect(readAge('2h')).toBe(7200)
    expect(readAge(true)).toMatch(/expected an age/)
  })
})

describe('defaults that fit real sites', () => {
  it('allow a relative redirect Location unless told otherwise', () => {
    const rules = 'rules:\n    - { from: /a, to: /b }\n'
    const on = parsePolicy(`version: 1\nredirects:\n  ${rules}`, 'p.yml', {})
    expect(on.policy.redirects?.allow_relative).toBe(true)
    const off = parsePolicy(
      `version: 1\nredirects:\n  allow_relative: false\n  ${rules}`,
      'p.yml',
      {}
    )
    expect(off.policy.redirects?.allow_relative).toBe(false)
  })

  it('refuses a HEAD smoke that asks about the body', () => {
    expect(
      problemsOf(
        'version: 1\nsmoke:\n  - path: /\n    method: HEAD\n    contains: Hi\n'
      )
    ).toBe(
      'launch.yml:4:13: smoke.0.method: method HEAD gets no body: contains and json need GET (or another method)'
    )
    expect(
      problemsOf(
        'version: 1\nsmoke:\n  - path: /\n    method: HEAD\n    json: { ok: true }\n'
      )
    ).toContain('method HEAD gets no body')
  })
})

describe('YAML syntax errors in plain words', () => {
  it('point at the line of the mistake and say what it is', () => {
    expect(
      problemsOf('version: 1\nsmoke:\n  - path: /\n   status: 200\n')
    ).toBe(
      'launch.yml:4:1: invalid YAML: this line is not indented like the lines above it: keys of one list item line up under its first key'
    )
    expect(problemsOf('version: 1\nsmoke:\n\t- path: /\n')).toBe(
      'launch.yml:3:1: invalid YAML: a tab indents this line; YAML indents with spaces only'
    )
    expect(
      problemsOf('version: 1\nsmoke:\n  - path: "/\n    status: 200\n')
    ).toBe(
      'launch.yml:3:11: invalid YAML: a " quote opens here and is never closed'
    )
    expect(problemsOf('version: 1\nsmoke\n  - path: /\n')).toBe(
      "launch.yml:2:1: invalid YAML: a key without ':' after it (or a value that runs onto the next line)"
    )
  })
})
