// @yarnpkg/lockfile ships no types; this is the part the lockfile parser uses.
declare module '@yarnpkg/lockfile' {
  export function parse(text: string): {
    type: 'success' | 'merge' | 'conflict'
    object: Record<string, { version?: string; resolved?: string }>
  }
}
