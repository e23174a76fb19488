// Key lists the schema, the regression budgets and the checks share; in a
// module of their own because regression.ts is itself imported by schema.ts.

/** Page-weight budget keys: a resource type, `third-party` or `total`. */
export const PAGE_BUDGET_KEYS = [
  'document',
  'script',
  'stylesheet',
  'image',
  'font',
  'media',
  'other',
  'third-party',
  'total'
] as const

/** Lighthouse categories, scored 0–100 in the policy. */
export const LIGHTHOUSE_CATEGORIES = [
  'performance',
  'accessibility',
  'best-practices',
  'seo'
] as const
