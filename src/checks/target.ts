export { resolveUrl } from '../net/request.ts'

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
