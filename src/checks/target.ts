/** The URL an item addresses: its absolute `url`, or `path` on the target. */
export function resolveUrl(
  item: { path?: string; url?: string },
  target: URL | undefined
): URL {
  if (item.url !== undefined) return new URL(item.url)
  if (!target) {
    throw new CheckError(
      `no target URL for ${item.path}: set target in the policy, the url input or --url`
    )
  }
  return new URL(item.path ?? '/', target)
}

/** What an item is called in the report when it has no name. */
export function itemLabel(item: {
  name?: string
  path?: string
  url?: string
  method?: string
}): string {
  if (item.name) return item.name
  const place = item.path ?? item.url ?? '/'
  return item.method && item.method !== 'GET'
    ? `${item.method} ${place}`
    : place
}
import { CheckError } from '../errors.ts'
