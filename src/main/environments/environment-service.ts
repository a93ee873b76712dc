/**
 * Environments (where tokens come from) joined with their keys' status. The
 * records live in a key-value store, the keys in the vault; views handed to
 * the renderer carry only whether a key is set and its last four characters.
 */
import { randomUUID } from 'node:crypto'
import {
  DEFAULT_TIMEOUT_MS,
  SANDBOX_ENVIRONMENT_ID,
  SANDBOX_ENVIRONMENT_NAME,
  type EnvironmentRecord,
  type EnvironmentsState,
  type EnvironmentView
} from '../../shared/environment'
import { fail, ok, type Result } from '../../shared/result'
import type { SecretVault } from '../secrets/secret-vault'
import type { KeyValueStore } from '../storage/key-value-store'
import type { TokenTarget, TokenTargets } from '../tokens/token-service'
import { lastFour } from '../tokens/redact'

export interface NewEnvironment {
  name: string
  domain: string
  apiKey?: string
  timeoutMs?: number
}

export interface EnvironmentChanges {
  id: string
  name?: string
  domain?: string
  /** The key for the new domain, when the domain moves to another origin. */
  apiKey?: string
  timeoutMs?: number
}

/** scheme://host:port of a domain, or the text itself when it is not a URL (then it matches nothing else). */
function originOf(domain: string): string {
  try {
    return new URL(domain).origin
  } catch {
    return domain
  }
}

/** The running sandbox, whose port changes at every start. */
export interface SandboxEndpoint {
  url: string
  apiKey: string
}

export class EnvironmentService implements TokenTargets {
  constructor(
    private readonly store: KeyValueStore,
    private readonly vault: SecretVault,
    private readonly sandbox: SandboxEndpoint,
    private readonly clock: () => Date = () => new Date()
  ) {
    this.ensureSandbox()
  }

  state(): EnvironmentsState {
    const records = this.records()
    const stored = this.store.get('activeId')
    const activeId = typeof stored === 'string' && records.some((r) => r.id === stored) ? stored : SANDBOX_ENVIRONMENT_ID
    return { environments: records.map((r) => this.view(r)), activeId, vault: this.vault.status() }
  }

  create(input: NewEnvironment): Result<EnvironmentsState> {
    const clash = this.nameClash(input.name)
    if (clash) return clash
    const record: EnvironmentRecord = {
      id: randomUUID(),
      name: input.name,
      kind: 'remote',
      domain: input.domain,
      timeoutMs: input.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      createdAt: this.clock().toISOString()
    }
    if (input.apiKey) this.vault.set(record.id, input.apiKey, originOf(record.domain))
    this.save([...this.records(), record])
    this.store.set('activeId', record.id)
    return ok(this.state())
  }

  update(changes: EnvironmentChanges): Result<EnvironmentsState> {
    const found = this.find(changes.id)
    if (!found.ok) return found
    if (found.value.kind === 'sandbox' && (changes.domain !== undefined || changes.name !== undefined)) {
      return fail('INVALID_INPUT', 'The offline sandbox keeps its name and address; add a new environment for another server.')
    }
    if (changes.name !== undefined) {
      const clash = this.nameClash(changes.name, changes.id)
      if (clash) return clash
    }
    const { apiKey, ...fields } = changes
    const updated = { ...found.value, ...definedOnly(fields) }
    const moved = originOf(updated.domain) !== originOf(found.value.domain)
    this.save(this.records().map((r) => (r.id === changes.id ? updated : r)))
    // The key stays with the origin it was saved for: a new origin needs the key again (issue 7).
    if (apiKey) this.vault.set(updated.id, apiKey, originOf(updated.domain))
    else if (moved) this.vault.delete(updated.id)
    return ok(this.state())
  }

  setKey(id: string, apiKey: string): Result<EnvironmentsState> {
    const found = this.find(id)
    if (!found.ok) return found
    this.vault.set(id, apiKey, found.value.kind === 'sandbox' ? undefined : originOf(found.value.domain))
    return ok(this.state())
  }

  removeKey(id: string): Result<EnvironmentsState> {
    const found = this.find(id)
    if (!found.ok) return found
    if (found.value.kind === 'sandbox') {
      return fail('INVALID_INPUT', 'The offline sandbox needs its demo key; its key cannot be removed.')
    }
    this.vault.delete(id)
    return ok(this.state())
  }

  remove(id: string): Result<EnvironmentsState> {
    const found = this.find(id)
    if (!found.ok) return found
    if (found.value.kind === 'sandbox') return fail('INVALID_INPUT', 'The offline sandbox cannot be deleted.')
    this.vault.delete(id)
    this.save(this.records().filter((r) => r.id !== id))
    if (this.store.get('activeId') === id) this.store.set('activeId', SANDBOX_ENVIRONMENT_ID)
    return ok(this.state())
  }

  select(id: string): Result<EnvironmentsState> {
    const found = this.find(id)
    if (!found.ok) return found
    this.store.set('activeId', id)
    return ok(this.state())
  }

  resolveTarget(id: string): Result<TokenTarget> {
    const found = this.find(id)
    if (!found.ok) return found
    const record = this.withLiveDomain(found.value)
    const key = this.boundKey(found.value)
    if (key.savedFor) {
      return fail(
        'KEY_ORIGIN_MISMATCH',
        `The API key of "${record.name}" was saved for ${key.savedFor}, but the environment now points at ${originOf(record.domain)} (changed outside this form?). A key is only ever sent to the origin it was saved for: enter the key for the new domain with Replace key, or set the domain back.`,
        { field: 'domain' }
      )
    }
    return ok({ domain: record.domain, apiKey: key.secret, timeoutMs: record.timeoutMs, name: record.name })
  }

  /**
   * The key of a record, if it may be sent to the record's domain. A key
   * saved before keys were bound is bound now, to the domain it has been
   * used with (the upgrade path); the sandbox's key follows the sandbox.
   */
  private boundKey(record: EnvironmentRecord): { secret?: string; savedFor?: string } {
    const entry = this.vault.entry(record.id)
    if (!entry || record.kind === 'sandbox') return { secret: entry?.secret }
    const origin = originOf(record.domain)
    if (entry.origin === undefined) {
      this.vault.set(record.id, entry.secret, origin)
      return { secret: entry.secret }
    }
    return entry.origin === origin ? { secret: entry.secret } : { savedFor: entry.origin }
  }

  /** The environment's name, without touching the vault (state() decrypts every key). */
  nameOf(id: string): string | undefined {
    return this.records().find((r) => r.id === id)?.name
  }

  domainOf(id: string): Result<string> {
    const found = this.find(id)
    return found.ok ? ok(this.withLiveDomain(found.value).domain) : found
  }

  /** The offline sandbox is in every workspace; called again when another workspace folder is opened. */
  ensureSandbox(): void {
    const records = this.records()
    if (!records.some((r) => r.id === SANDBOX_ENVIRONMENT_ID)) {
      const sandbox: EnvironmentRecord = {
        id: SANDBOX_ENVIRONMENT_ID,
        name: SANDBOX_ENVIRONMENT_NAME,
        kind: 'sandbox',
        domain: '',
        timeoutMs: DEFAULT_TIMEOUT_MS,
        createdAt: this.clock().toISOString()
      }
      this.save([sandbox, ...records])
    }
    // The sandbox's key is whatever the running sandbox accepts.
    if (this.vault.get(SANDBOX_ENVIRONMENT_ID) !== this.sandbox.apiKey) this.vault.set(SANDBOX_ENVIRONMENT_ID, this.sandbox.apiKey)
  }

  private view(record: EnvironmentRecord): EnvironmentView {
    const key = this.boundKey(record)
    const hint = key.secret ? { set: true, last4: lastFour(key.secret) } : key.savedFor ? { set: false, savedFor: key.savedFor } : { set: false }
    return { ...this.withLiveDomain(record), key: hint }
  }

  private withLiveDomain(record: EnvironmentRecord): EnvironmentRecord {
    return record.kind === 'sandbox' ? { ...record, domain: this.sandbox.url } : record
  }

  private find(id: string): Result<EnvironmentRecord> {
    const record = this.records().find((r) => r.id === id)
    return record ? ok(record) : fail('NOT_FOUND', 'That environment no longer exists; pick another one from the list.')
  }

  private nameClash(name: string, exceptId?: string): ReturnType<typeof fail> | undefined {
    const taken = this.records().some((r) => r.id !== exceptId && r.name.toLowerCase() === name.toLowerCase())
    return taken ? fail('CONFLICT', `An environment named "${name}" already exists; choose another name.`, { field: 'name' }) : undefined
  }

  private records(): EnvironmentRecord[] {
    const value = this.store.get('environments')
    return Array.isArray(value) ? value.filter(isRecord) : []
  }

  private save(records: EnvironmentRecord[]): void {
    this.store.set('environments', records)
  }
}

function isRecord(value: unknown): value is EnvironmentRecord {
  const r = value as EnvironmentRecord
  return !!r && typeof r.id === 'string' && typeof r.name === 'string' && typeof r.domain === 'string' && (r.kind === 'sandbox' || r.kind === 'remote')
}

function definedOnly<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>
}
