import { describe, expect, it } from 'vitest'
import { CheckError } from '../../src/errors.ts'
import { PreparedRequest } from '../../src/net/request.ts'
import { commitScope, Template } from '../../src/util/template.ts'

const target = new URL('https://app.example/base/')
const scope = (values: Record<string, string>, seq?: number) => ({
  values: new Map(Object.entries(values)),
  seq
})

describe('the one request shape', () => {
  it('sends an object body as JSON, substituted values escaped inside strings', () => {
    const request = new PreparedRequest(
      {
        path: '/api/users/{{id}}',
        method: 'post',
        body: { email: 'load+{{seq}}@example.com', note: '{{quote}}', n: 3 }
      },
      target
    )
    const sent = request.render(scope({ id: '42', quote: 'say "hi"\n' }, 7))
    expect(sent.url.href).toBe('https://app.example/api/users/42')
    expect(sent.method).toBe('POST')
    expect(sent.headers).toEqual({ 'content-type': 'application/json' })
    expect(JSON.parse(sent.body as string)).toEqual({
      email: 'load+7@example.com',
      note: 'say "hi"\n',
      n: 3
    })
    expect(request.perRequest).toEqual({
      url: false,
      headers: false,
      body: true
    })
  })

  it('urlencodes a form, a string body goes as is, headers keep their type', () => {
    const form = new PreparedRequest(
      {
        path: '/login',
        method: 'POST',
        form: { email: 'a b+{{n}}@x', 'c&d': '{{n}}' }
      },
      target
    ).render(scope({ n: '1&2=3' }))
    expect(form.body).toBe('email=a+b%2B1%262%3D3%40x&c%26d=1%262%3D3')
    expect(new URLSearchParams(form.body).get('c&d')).toBe('1&2=3')
    expect(form.headers['content-type']).toBe(
      'application/x-www-form-urlencoded'
    )
    const text = new PreparedRequest(
      {
        path: '/raw',
        method: 'PUT',
        headers: { 'Content-Type': 'text/plain' },
        body: 'v={{sha7}}'
      },
      target
    ).render({ values: commitScope('3f2a9c1deadbeef') })
    expect(text).toMatchObject({
      body: 'v=3f2a9c1',
      headers: { 'content-type': 'text/plain' }
    })
  })

  it('sends an empty body on a POST without one, none on a GET', () => {
    const post = new PreparedRequest({ path: '/', method: 'POST' }, target)
    const get = new PreparedRequest({ path: '/' }, target)
    expect(post.render(scope({})).body).toBe('')
    expect(get.render(scope({})).body).toBeUndefined()
  })

  it('fills a URL from a captured link, and says which value is missing', () => {
    const follow = new PreparedRequest({ url: '{{link}}' }, target)
    expect(
      follow.render(scope({ link: 'https://mail.example/c?t=1' })).url.href
    ).toBe('https://mail.example/c?t=1')
    expect(() => follow.render(scope({}))).toThrow(
      new CheckError('{{link}} has no value: no earlier step captured it')
    )
    expect(() =>
      new Template('{{sha}}').render({ values: commitScope(undefined) })
    ).toThrow(/the commit this run is about is not known/)
  })

  it('draws seq, uuid and timestamp per render', () => {
    const template = new Template('{{seq}}/{{uuid}}/{{ timestamp }}')
    const [a, b] = [1, 2].map(seq => template.render(scope({}, seq)))
    expect(a).toMatch(/^1\/[0-9a-f-]{36}\/\d{13}$/)
    expect(b.split('/')[1]).not.toBe(a.split('/')[1])
    expect(new Template('{{ not a template }} {{}}').isStatic).toBe(true)
  })
})
