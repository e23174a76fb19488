import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Report } from './model.ts'

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`
}

/** Writes the JSON report (spec §5) to `file`, creating its folder. */
export async function writeJsonReport(
  report: Report,
  file: string
): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  await writeFile(file, renderJson(report))
}
