import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { StarterFolderError, writeStarter } from '../../../../src/main/starter/write-starter'
import { buildStarter, STARTER_LANGUAGE_IDS } from '../../../../src/shared/codegen/starter'
import { hostileRequest } from '../../../support/codegen-fixtures'
import { makeTempDir } from '../../../support/temp-dir'

const temps: Array<{ cleanup(): void }> = []
afterEach(() => temps.splice(0).forEach((t) => t.cleanup()))
function temp() {
  const t = makeTempDir('qwb-starter-')
  temps.push(t)
  return t.dir
}

describe('writeStarter', () => {
  it.each(STARTER_LANGUAGE_IDS.map((id) => [id]))('%s: writes the backend, the host page and a README into a new folder', async (id) => {
    const folder = join(temp(), 'new', 'starter')
    const files = buildStarter(id, hostileRequest('https://acme.qrveyapp.com'))
    const written = await writeStarter(folder, files)
    expect(readdirSync(folder).sort()).toEqual([...written].sort())
    expect(written).toContain('index.html')
    expect(written).toContain('README.md')
    for (const file of files) expect(readFileSync(join(folder, file.path), 'utf8')).toBe(file.content)
    expect(readFileSync(join(folder, 'README.md'), 'utf8')).toContain('QRVEY_API_KEY=demo-key QRVEY_DOMAIN=http://127.0.0.1:4300')
  })

  it('never writes into a folder that has files, and never outside its folder', async () => {
    const folder = temp()
    writeFileSync(join(folder, 'mine.txt'), 'keep')
    await expect(writeStarter(folder, [{ path: 'a.txt', content: 'x' }])).rejects.toThrow(/already has files \(mine\.txt\)/)
    expect(readFileSync(join(folder, 'mine.txt'), 'utf8')).toBe('keep')
    const empty = join(temp(), 'empty')
    mkdirSync(empty)
    await expect(writeStarter(empty, [{ path: '../escape.txt', content: 'x' }])).rejects.toBeInstanceOf(StarterFolderError)
    await expect(writeStarter('relative/folder', [])).rejects.toThrow(/absolute path/)
  })

  it('has no starter for cURL or a front end', () => {
    expect(() => buildStarter('curl', hostileRequest('https://x.example'))).toThrow(/No starter for "curl"/)
    expect(() => buildStarter('react', hostileRequest('https://x.example'))).toThrow(/No starter/)
  })
})
