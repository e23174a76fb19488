/** What a Set-Cookie line asks of the browser; the value is never kept. */
export interface CookieFlags {
  name: string
  secure: boolean
  httpOnly: boolean
  /** The SameSite attribute as written, lower-case; undefined when absent. */
  sameSite: string | undefined
}

/**
 * Reads the name and security attributes of one Set-Cookie line (RFC 6265
 * §5.2): attributes are `;`-separated, case-insensitive, and the last
 * SameSite wins. The cookie's value is dropped: it may be a session token.
 */
export function parseSetCookie(line: string): CookieFlags {
  const [pair, ...attributes] = line.split(';')
  const equals = pair.indexOf('=')
  const flags: CookieFlags = {
    name: (equals === -1 ? '' : pair.slice(0, equals)).trim(),
    secure: false,
    httpOnly: false,
    sameSite: undefined
  }
  for (const attribute of attributes) {
    const [rawName, ...rest] = attribute.split('=')
    const name = rawName.trim().toLowerCase()
    if (name === 'secure') flags.secure = true
    else if (name === 'httponly') flags.httpOnly = true
    else if (name === 'samesite')
      flags.sameSite = rest.join('=').trim().toLowerCase()
  }
  return flags
}

/**
 * The security attributes a cookie set over https lacks, by the MDN
 * Observatory's rule: Secure and HttpOnly, plus an explicit SameSite.
 */
export function missingCookieFlags(cookie: CookieFlags): string[] {
  const missing: string[] = []
  if (!cookie.secure) missing.push('Secure')
  if (!cookie.httpOnly) missing.push('HttpOnly')
  if (!cookie.sameSite) missing.push('SameSite')
  return missing
}
