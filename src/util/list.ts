/** A policy value written as one item or a list of them (`status: 200` or `[200, 304]`), as a list. */
export function asList<T>(value: T | readonly T[] | undefined): T[] {
  if (value === undefined) return []
  return Array.isArray(value) ? [...value] : [value as T]
}
