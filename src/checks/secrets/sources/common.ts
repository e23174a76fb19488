import type { ScanSource } from '../scan.ts'

/** Something the scan could not read as a whole, said once per file. */
export interface SourceNote {
  kind:
    'binary' | 'encoding' | 'truncated' | 'unreadable' | 'source' | 'minified'
  /** Repository path or URL, when the note is about one. */
  file?: string
  message: string
}

/** Text to scan plus what was skipped on the way. */
export interface Sources {
  sources: ScanSource[]
  notes: SourceNote[]
}

/** A changed file's added lines would be cut past this many bytes. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024

const UTF8 = new TextDecoder('utf-8', { fatal: true })

/** Decodes UTF-8, or Latin-1 byte for byte, so ASCII secrets are still seen. */
export function decode(bytes: Uint8Array): { text: string; utf8: boolean } {
  try {
    return { text: UTF8.decode(bytes), utf8: true }
  } catch {
    return { text: Buffer.from(bytes).toString('latin1'), utf8: false }
  }
}

export const latin1Note = (file: string): SourceNote => ({
  kind: 'encoding',
  file,
  message: 'not UTF-8: read as Latin-1'
})
