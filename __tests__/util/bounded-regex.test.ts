import { describe, expect, it } from 'vitest'
import {
  BoundedRegex,
  RegexTimeoutError
} from '../../src/util/bounded-regex.ts'

const EVIL = '(a+)+$'
const INPUT = `${'a'.repeat(40)}!`

describe('BoundedRegex', () => {
  it('matches like RegExp, groups included', () => {
    const re = new BoundedRegex('name="csrf" value="([^"]+)"')
    expect(re.test('x name="csrf" value="t0k" y')).toBe(true)
    expect(re.exec('x name="csrf" value="t0k" y')).toEqual({
      groups: ['name="csrf" value="t0k"', 't0k'],
      index: 2
    })
    expect(re.exec('nothing')).toBeNull()
  })

  it('rejects invalid syntax when built', () => {
    expect(() => new BoundedRegex('(unclosed')).toThrow(SyntaxError)
  })

  it('stops a catastrophic pattern at its limit, names it, and stays usable', () => {
    const evil = new BoundedRegex(EVIL, '', 200)
    expect(() => evil.test(INPUT)).toThrow(RegexTimeoutError)
    // Given up on: no second wait.
    expect(() => evil.test('aaa')).toThrow(
      /the regex \/\(a\+\)\+\$\/ did not finish within 200 ms/
    )
    // A fresh worker serves the next pattern.
    expect(new BoundedRegex('^a+$').test('aaa')).toBe(true)
  })
})
