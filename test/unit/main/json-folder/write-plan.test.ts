/**
 * An import writes all of its files or none (write-plan.ts): real files in a
 * temp folder, failures made the way a disk makes them (a folder that is not
 * there, a name already taken by a folder), never by mocking fs.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeAllOrNothing, type PlannedWrite } from '../../../../src/main/json-folder/write-plan'
import { tempDir } from '../workspace/helpers'

const kind = { folder: 'setups' }
const text = (i: number) => JSON.stringify({ name: `Setup ${i}`, note: 'n'.repeat(200) })
const plan = (count: number, from = 0): PlannedWrite[] => Array.from({ length: count }, (_, i) => ({ id: `s${from + i}`, text: text(from + i) }))
const files = (dir: string) => readdirSync(dir).sort()

describe('writeAllOrNothing', () => {
  it('writes every file of a plan, each whole, and leaves no temp file', async () => {
    const dir = join(tempDir(), 'setups')
    const steps = plan(120)
    expect((await writeAllOrNothing({ dir, kind }, steps)).ok).toBe(true)
    expect(files(dir)).toEqual(steps.map((s) => `${s.id}.json`).sort())
    for (const step of steps) expect(readFileSync(join(dir, `${step.id}.json`), 'utf8')).toBe(step.text)
  })

  it('a file that cannot be written in the middle of the plan: nothing is changed and no temp file is left, even of the writes still under way', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 's3.json'), 'before')
    // "missing/x" names a folder that is not there: its temp file cannot be created.
    const steps = [...plan(60), { id: 'missing/x', text: '{}' }, ...plan(60, 60)]
    steps[3] = { ...steps[3], previous: 'before' }
    const result = await writeAllOrNothing({ dir, kind }, steps)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toMatch(/^The import was not applied \(nothing changed\): setups\/ could not be written/)
    expect(files(dir)).toEqual(['s3.json'])
    expect(readFileSync(join(dir, 's3.json'), 'utf8')).toBe('before')
  })

  it('a file that cannot be put in place: the files already replaced get their old text back, new ones are removed', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 's0.json'), 'old s0')
    // A folder where the last file should go: renaming a file over it fails.
    mkdirSync(join(dir, 'taken.json'))
    writeFileSync(join(dir, 'taken.json', 'inside'), 'x')
    const steps: PlannedWrite[] = [{ id: 's0', text: text(0), previous: 'old s0' }, ...plan(30, 1), { id: 'taken', text: '{}' }]
    const result = await writeAllOrNothing({ dir, kind }, steps)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toMatch(/^The import was not applied \(nothing changed\)/)
    expect(files(dir)).toEqual(['s0.json', 'taken.json'])
    expect(readFileSync(join(dir, 's0.json'), 'utf8')).toBe('old s0')
  })
})
