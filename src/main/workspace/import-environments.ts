/**
 * Environments in an import that share a name with one here but point at
 * another domain (issue 11). Before, the import's environment was silently
 * dropped and its setups quietly used the one here. Now the preview lists
 * each such conflict; the user keeps theirs (the default) or imports the
 * file's as another name ("<name> (2)"), which its setups then use.
 */
import type { ExportDocument } from '../../shared/export-format'
import { setupNameKey } from '../../shared/setup'
import type { EnvironmentConflict, ImportConflictPolicy } from '../../shared/workspace'

export interface ImportOptions {
  /** Names of the environments here (the sandbox's included). */
  existingEnvironments: readonly string[]
  /** Their domains, by name; without them no conflict can be seen. */
  existingDomains?: ReadonlyMap<string, string>
  onConflict?: ImportConflictPolicy
  /** Environments of the file imported under another name: name in the file -> new name. */
  renameEnvironments?: Readonly<Record<string, string>>
}

/** The same origin, whatever trailing slash or case the host was typed with. */
function sameDomain(a: string, b: string): boolean {
  const norm = (d: string) => {
    try {
      return new URL(d).origin
    } catch {
      return d.trim().replace(/\/+$/, '').toLowerCase()
    }
  }
  return norm(a) === norm(b)
}

export function findEnvironmentConflicts(document: ExportDocument, options: ImportOptions): EnvironmentConflict[] {
  if (!options.existingDomains) return []
  const domains = new Map([...options.existingDomains].map(([name, domain]) => [setupNameKey(name), domain]))
  const taken = new Set([...options.existingEnvironments, ...document.environments.map((e) => e.name)].map(setupNameKey))
  const conflicts: EnvironmentConflict[] = []
  for (const env of document.environments) {
    const existingDomain = domains.get(setupNameKey(env.name))
    if (existingDomain === undefined || sameDomain(existingDomain, env.domain)) continue
    let suggestedName = ''
    for (let n = 2; ; n++) {
      suggestedName = `${env.name} (${n})`
      if (!taken.has(setupNameKey(suggestedName))) break
    }
    const renamedTo = options.renameEnvironments?.[env.name]
    conflicts.push({
      name: env.name,
      domain: env.domain,
      existingDomain,
      usedBy: document.setups.filter((s) => setupNameKey(s.environment) === setupNameKey(env.name)).map((s) => s.name),
      suggestedName,
      ...(renamedTo ? { renamedTo } : {})
    })
  }
  return conflicts
}

/** The document with the chosen environments renamed, in the environments list and in every setup that uses them. */
export function withRenamedEnvironments(document: ExportDocument, renames: Readonly<Record<string, string>> | undefined): ExportDocument {
  if (!renames || Object.keys(renames).length === 0) return document
  const byKey = new Map(Object.entries(renames).map(([from, to]) => [setupNameKey(from), to]))
  const renamed = (name: string) => byKey.get(setupNameKey(name)) ?? name
  return {
    ...document,
    environments: document.environments.map((e) => ({ ...e, name: renamed(e.name) })),
    setups: document.setups.map((s) => (byKey.has(setupNameKey(s.environment)) ? { ...s, environment: renamed(s.environment) } : s))
  }
}
