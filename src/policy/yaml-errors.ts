import type { YAMLError } from 'yaml'

/**
 * A YAML syntax error in plain words, at the line where the mistake is
 * (an unclosed quote is reported where it opened, not at the end of the
 * file). Codes the parser has no plainer words for keep its message.
 */
export function plainYamlError(
  error: YAMLError,
  text: string,
  at: (offset: number) => { line: number; column: number }
): { line: number; column: number; message: string } {
  const where = at(error.pos[0])
  const parser = error.message
    .split('\n')[0]
    .replace(/ at line \d+, column \d+:?$/, '')
  const say = (message: string, place = where) => ({
    ...place,
    message: `invalid YAML: ${message}`
  })
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return say('a tab indents this line; YAML indents with spaces only')
    case 'DUPLICATE_KEY':
      return say('this key appears twice in the same mapping; keep one')
    case 'MULTILINE_IMPLICIT_KEY':
      return say(
        "a key without ':' after it (or a value that runs onto the next line)"
      )
    case 'BLOCK_AS_IMPLICIT_KEY':
      return say(
        "two ':' on one line; put the inner mapping on its own, indented lines"
      )
    case 'BAD_INDENT':
      return say(
        `this line is not indented like the lines around it (${parser})`
      )
    case 'MISSING_CHAR': {
      const quote = /^Missing closing (["'])/.exec(parser)?.[1]
      if (quote) {
        const opened = unclosedQuote(text, quote, error.pos[0])
        return say(
          `a ${quote} quote opens here and is never closed`,
          opened === undefined ? where : at(opened)
        )
      }
      if (parser.startsWith('Sequence item without - indicator')) {
        return say(
          'this line is not indented like the lines above it: keys of one list item line up under its first key'
        )
      }
      return say(parser)
    }
    default:
      return say(parser)
  }
}

/** Offset of the last `quote` before `end` that starts a quoted value. */
function unclosedQuote(
  text: string,
  quote: string,
  end: number
): number | undefined {
  const opening = new RegExp(`(?:^|[\\s:\\[{,-])${quote}`, 'g')
  let found: number | undefined
  for (const match of text.slice(0, end).matchAll(opening)) {
    found = (match.index ?? 0) + match[0].length - 1
  }
  return found
}
