import type { HttpResponse } from './http.ts'

/**
 * Names the deployment protection in front of a preview, so a 401 from
 * Vercel or Netlify reads as "protected" with the fix, not as "site down".
 */
export function protectionHint(res: HttpResponse): string | undefined {
  const header = (name: string) => String(res.headers[name] ?? '').toLowerCase()
  const location = header('location')
  const isVercel =
    header('server') === 'vercel' || res.headers['x-vercel-id'] !== undefined
  if (
    ((res.status === 401 || res.status === 403) && isVercel) ||
    (res.status >= 300 &&
      res.status < 400 &&
      location.includes('vercel.com/sso-api'))
  ) {
    return 'the preview is behind Vercel Deployment Protection: pass the bypass secret with defaults.headers (x-vercel-protection-bypass: ${VERCEL_AUTOMATION_BYPASS_SECRET})'
  }
  if (
    (res.status === 401 || res.status === 403) &&
    (header('server').includes('netlify') ||
      res.headers['x-nf-request-id'] !== undefined)
  ) {
    return 'the site is behind Netlify password protection: pass credentials with defaults.headers (e.g. authorization or cookie)'
  }
  return undefined
}
