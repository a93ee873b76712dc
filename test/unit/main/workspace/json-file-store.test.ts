import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EnvironmentService } from '../../../../src/main/environments/environment-service'
import { createNodeCipher } from '../../../../src/main/secrets/node-cipher'
import { EncryptedSecretVault } from '../../../../src/main/secrets/secret-vault'
import { nodeStoreOpener } from '../../../../src/main/storage/node-store'
import { environmentsFileKeyOrder, JsonFileStore } from '../../../../src/main/workspace/json-file-store'
import { RoutedStore } from '../../../../src/main/workspace/routed-store'
import { createSecretGuard } from '../../../../src/main/workspace/secret-guard'
import { readAllFiles } from '../../../support/temp-dir'
import { nextChange, openWorkspace, tempDir, value } from './helpers'

const SENTINEL = 'SENTINEL-envfile-2d4c-6618'
const sandbox = { url: 'http://127.0.0.1:4999', apiKey: 'sbx-demo-key-abcdefgh' }

describe('JsonFileStore', () => {
  it('behaves like conf for get/set/delete, including dotted keys', () => {
    const store = new JsonFileStore(join(tempDir(), 'sub', 'file.json'))
    expect(store.get('missing')).toBeUndefined()
    store.set('a.b.c', 1)
    store.set('list', [1, 2])
    expect(store.get('a')).toEqual({ b: { c: 1 } })
    expect(store.get('a.b.c')).toBe(1)
    store.delete('a.b.c')
    expect(store.get('a.b')).toEqual({})
    const copy = store.get('list') as number[]
    copy.push(3)
    expect(store.get('list')).toEqual([1, 2])
    expect(() => store.set('__proto__.polluted', 1)).toThrow(TypeError)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('never lets a caller change what later reads see, and a refused write changes nothing (reads share one parsed tree)', () => {
    const path = join(tempDir(), 'environments.json')
    writeFileSync(path, JSON.stringify({ environments: [{ id: 'a', name: 'A' }], other: { deep: { n: 1 } } }))
    const store = new JsonFileStore(path, { guard: createSecretGuard(() => [SENTINEL]) })
    const whole = store.get('environments') as Array<Record<string, unknown>>
    whole[0].name = 'changed by a caller'
    whole.push({ id: 'b' })
    ;(store.get('other.deep') as Record<string, number>).n = 2
    expect(store.get('environments')).toEqual([{ id: 'a', name: 'A' }])
    expect(store.get('other')).toEqual({ deep: { n: 1 } })
    // The guard refuses this write: neither the file nor the reads change, not even for a moment.
    expect(() => store.set('other.deep.note', `key ${SENTINEL}`)).toThrow()
    expect(store.get('other')).toEqual({ deep: { n: 1 } })
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ environments: [{ id: 'a', name: 'A' }], other: { deep: { n: 1 } } })
    // A change on disk is seen on the next read, as before.
    writeFileSync(path, JSON.stringify({ environments: [{ id: 'c', name: 'C' }] }))
    expect(store.get('environments')).toEqual([{ id: 'c', name: 'C' }])
  })

  it('writes pretty JSON in a stable order, and does not rewrite an unchanged file', () => {
    const path = join(tempDir(), 'environments.json')
    const store = new JsonFileStore(path, { keyOrder: environmentsFileKeyOrder })
    const record = { createdAt: 't', timeoutMs: 1, domain: 'd', kind: 'remote', name: 'n', id: 'i' }
    store.set('environments', [record])
    const text = readFileSync(path, 'utf8')
    expect(text).toBe('{\n  "environments": [\n    {\n      "id": "i",\n      "name": "n",\n      "kind": "remote",\n      "domain": "d",\n      "timeoutMs": 1,\n      "createdAt": "t"\n    }\n  ]\n}\n')
    writeFileSync(path, text) // same content, new mtime
    store.set('environments', [record])
    expect(readFileSync(path, 'utf8')).toBe(text)
  })

  it('sees changes made on disk at once', () => {
    const path = join(tempDir(), 'f.json')
    const store = new JsonFileStore(path)
    store.set('x', 1)
    writeFileSync(path, '{"x": 2}')
    expect(store.get('x')).toBe(2)
  })

  it('never overwrites a malformed file: writes stay in memory, problem() says why, the fixed file wins', () => {
    const path = join(tempDir(), 'f.json')
    writeFileSync(path, '{"environments": [')
    const store = new JsonFileStore(path)
    expect(store.problem()).toMatch(/Not valid JSON.*truncated/)
    store.set('environments', [1])
    expect(store.get('environments')).toEqual([1])
    expect(readFileSync(path, 'utf8')).toBe('{"environments": [')
    writeFileSync(path, '{"environments": [2]}')
    expect(store.get('environments')).toEqual([2])
    expect(store.problem()).toBeUndefined()
  })

  it('refuses to write a secret-looking field or a known key', () => {
    const path = join(tempDir(), 'f.json')
    const store = new JsonFileStore(path, { guard: createSecretGuard(() => [SENTINEL]) })
    expect(() => store.set('environments', [{ name: 'x', apiKey: 'k' }])).toThrow(/secret-looking field at environments\[0\]\.apiKey/)
    expect(() => store.set('note', `the key is ${SENTINEL}`)).toThrow(/ending in 6618/)
  })
})

describe('EnvironmentService over the workspace environments.json', () => {
  it('keeps records (no keys) in the workspace file, activeId and keys in the app stores', async () => {
    const appData = tempDir('qwb-appdata-')
    const dir = tempDir()
    const workspace = await openWorkspace({ dir, guard: createSecretGuard(() => [SENTINEL, sandbox.apiKey]) })
    const stores = nodeStoreOpener(appData)
    const vault = new EncryptedSecretVault(createNodeCipher(Buffer.alloc(32, 3)), stores('secrets'))
    const envStore = new RoutedStore(workspace.environmentsStore(), ['environments'], stores('environments'))
    const service = new EnvironmentService(envStore, vault, sandbox)
    const state = value(service.create({ name: 'Acme prod', domain: 'https://acme.qrveyapp.com', apiKey: SENTINEL }))
    expect(state.environments.map((e) => e.name)).toEqual(['Offline sandbox', 'Acme prod'])

    const file = JSON.parse(readFileSync(join(dir, 'environments.json'), 'utf8'))
    expect(Object.keys(file)).toEqual(['environments'])
    expect(Object.keys(file.environments[1])).toEqual(['id', 'name', 'kind', 'domain', 'timeoutMs', 'createdAt'])
    for (const f of readAllFiles(dir)) {
      expect(f.text).not.toContain(SENTINEL)
      expect(f.text).not.toContain(sandbox.apiKey)
    }

    // A teammate's edit arrives through git: the service sees it, the watcher reports it.
    workspace.watch()
    const change = nextChange(workspace)
    file.environments[1].timeoutMs = 30000
    writeFileSync(join(dir, 'environments.json'), JSON.stringify(file, null, 2))
    expect(await change).toMatchObject({ environments: true })
    expect(service.state().environments[1].timeoutMs).toBe(30000)
    expect(service.state().activeId).toBe(state.activeId)
    expect(value(service.resolveTarget(state.activeId)).apiKey).toBe(SENTINEL)
  })
})
