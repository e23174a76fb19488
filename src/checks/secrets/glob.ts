import { BoundedRegex } from '../../util/bounded-regex.ts'

/**
 * Compiles `exclude` globs into one path test: `**` crosses folders, `*` and
 * `?` stay within one, `{a,b}` is either. A glob without a `/` matches the
 * file name in any folder, as in .gitignore.
 */
export function globMatcher(
  globs: readonly string[]
): (path: string) => boolean {
  if (globs.length === 0) return () => false
  const full: string[] = []
  const base: string[] = []
  for (const glob of globs) {
    const pattern = glob.replace(/^\.\//, '')
    ;(pattern.includes('/') ? full : base).push(globToRegex(pattern))
  }
  // One bounded regex per kind: `**/*a*a*a*` globs backtrack polynomially.
  const either = (parts: string[]) =>
    parts.length > 0 ? new BoundedRegex(`^(?:${parts.join('|')})$`) : undefined
  const fullRe = either(full)
  const baseRe = either(base)
  return path => {
    const name = path.slice(path.lastIndexOf('/') + 1)
    return Boolean(fullRe?.test(path) || baseRe?.test(name))
  }
}

function globToRegex(glob: string): string {
  let out = ''
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]
    if (glob.startsWith('**/', i)) {
      out += '(?:.*/)?'
      i += 2
    } else if (glob.startsWith('/**', i) && i + 3 === glob.length) {
      out += '(?:/.*)?'
      i += 2
    } else if (glob.startsWith('**', i)) {
      out += '.*'
      i += 1
    } else if (char === '*') {
      out += '[^/]*'
    } else if (char === '?') {
      out += '[^/]'
    } else if (char === '{') {
      const close = glob.indexOf('}', i)
      if (close < 0) {
        out += '\\{'
        continue
      }
      const options = glob
        .slice(i + 1, close)
        .split(',')
        .map(globToRegex)
      out += `(?:${options.join('|')})`
      i = close
    } else {
      out += char.replace(/[.+^${}()|[\]\\]/g, '\\$&')
    }
  }
  return out
}
