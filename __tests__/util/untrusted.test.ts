import { describe, expect, it } from 'vitest'
import {
  commandProperty,
  htmlText,
  logText,
  markdownCode,
  markdownText,
  oneLine
} from '../../src/util/untrusted.ts'

/** Lines as the Actions runner splits them (CR, LF, CRLF). */
const runnerLines = (text: string) => text.split(/\r\n|\r|\n/)
const HOSTILE =
  'ok\n::warning::fake\r::add-mask::fail\r\n  ::stop-commands::tok\x1b[31mred\x9b1m\u2028x ##[error]y'

describe('logText', () => {
  it('keeps every control on one line, shown escaped', () => {
    const line = logText(HOSTILE)
    expect(runnerLines(line)).toHaveLength(1)
    // eslint-disable-next-line no-control-regex
    expect(line).not.toMatch(/[\x00-\x1f\x7f-\x9f\u2028]/)
    expect(line).toContain('\\n::warning::fake\\r::add-mask::fail\\r\\n')
    expect(line).toContain('\\x1b[31m')
    expect(line).not.toContain('##[')
  })

  it('never starts a line with a workflow command', () => {
    expect(logText('::warning::x')).toBe('\\x3a:warning::x')
    expect(logText('  ::error::x')).toBe('  \\x3a:error::x')
    expect(logText('a::b')).toBe('a::b')
  })
})

describe('commandProperty', () => {
  it('escapes what the runner decodes in a property', () => {
    expect(commandProperty('a%b:c,d\ne')).toBe('a%25b%3Ac%2Cd\\ne')
  })
})

describe('oneLine', () => {
  it('joins lines with spaces and escapes the rest', () => {
    expect(oneLine('first\r\n::warning::x\n\nlast\x07')).toBe(
      'first ::warning::x last\\x07'
    )
  })
})

describe('markdownText', () => {
  const hostile = [
    '# heading',
    '\r> quote',
    '1. list',
    '- item',
    '```fence',
    '![img](http://x/y.png)',
    '[link](https://evil)',
    '<img src=x onerror=alert(1)>',
    '@octocat and #123 and GH-7 and www.evil.com and https://evil',
    '`code',
    'a | b',
    '&#64;user'
  ]

  it('cannot open a block, link, image, HTML, mention or code span', () => {
    const text = markdownText(hostile.join('\n'))
    expect(runnerLines(text)).toHaveLength(1)
    expect(text).not.toMatch(/^[#>\-+=\d]/)
    expect(text).not.toMatch(/(^|[^\\])[[\]()!`|]/)
    expect(text).not.toMatch(/[<>]/)
    expect(text).not.toMatch(/[@#](?!\u200b)/)
    expect(text).not.toMatch(/https?:\/\/|www\./)
    expect(text).toContain('&amp;#\u200b64;user')
  })

  it('escapes a block marker at the start', () => {
    expect(markdownText('# x')).toBe('\\#\u200b x')
    expect(markdownText('12. x')).toBe('12\\. x')
    expect(markdownText('\r-x')).toBe('\\-x')
  })
})

describe('markdownCode', () => {
  it('cannot be closed by backticks inside', () => {
    expect(markdownCode('a`b``c')).toBe('``` a`b``c ```')
    expect(markdownCode('x\ny')).toBe('` x y `')
  })
})

describe('htmlText', () => {
  it('writes entities only and defuses mentions', () => {
    expect(htmlText('</summary><b>@me #1 [x]')).toBe(
      '&lt;/summary&gt;&lt;b&gt;@\u200bme #\u200b1 &#91;x&#93;'
    )
  })
})
