// Empties dist/ before ncc writes it: ncc never deletes, so a chunk that a
// change made obsolete would otherwise stay, ship, and pass check-dist.
import { rmSync } from 'node:fs'

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true })
