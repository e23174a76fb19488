// A failing smoke check says what came back: the body's first 200
// characters, escaped (issue 16).
import { describe, expect, it } from 'vitest'
import { evaluateSmoke } from '../../src/checks/smoke.ts'
import type { HttpResponse } from '../../src/net/http.ts'

const answer = (status: number, body: string): HttpResponse => ({
  url: new URL('http://127.0.0.1/'),
  status,
  headers: {},
  body: Buffer.from(body),
  truncated: false,
  timeMs: 5,
  transferBytes: body.length
})

describe('smoke body excerpt', () => {
  it('notes the start of the body when the status or text is wrong', () => {
    const body = `Error\n\u001b[31m::error::x ${'a'.repeat(300)}`
    const failed = evaluateSmoke(
      { status: 200, contains: 'Sign up' },
      answer(500, body)
    )
    expect(failed.ok).toBe(false)
    expect(failed.notes).toEqual([
      `body starts: ${JSON.stringify(body.slice(0, 200))}…`
    ])
    expect(failed.notes?.[0]).not.toMatch(/\n|\p{Cc}/u)
  })

  it('says nothing of the body when the check passes, or it is empty', () => {
    expect(
      evaluateSmoke({ status: 200 }, answer(200, 'ok')).notes
    ).toBeUndefined()
    expect(evaluateSmoke({ status: 200 }, answer(503, '')).notes).toEqual([])
  })
})
