/**
 * The demo personas the sandbox ships (issue 12): valid persona files, values
 * that exist in the demo data, and the outcomes their names promise, computed
 * by the sandbox's own permission filter (QRVEY.md §1: "Any missing security
 * column inside the user's security token will restrict the user's access").
 */
import { describe, expect, it } from 'vitest'
import { demoDataset, filterByPermissions, SALES_DATASET_ID, SALES_SECURITY_NAMES } from '../../../../src/sandbox/data'
import { demoPersonas, DEMO_PERSONA_NAMES } from '../../../../src/sandbox/data/demo-personas'
import { parsePersonaText, serializePersona } from '../../../../src/shared/personas/persona'
import type { RecordPermission } from '../../../../src/shared/permissions'

const rows = (name: string) => {
  const persona = demoPersonas().find((d) => d.persona.name === name)!.persona
  const ds = demoDataset()
  return filterByPermissions(ds.rows, SALES_DATASET_ID, persona.token.permissions, ds.meta.columns).rows
}

describe('demo personas', () => {
  it('are valid persona files with unique names and ids', () => {
    const demos = demoPersonas()
    expect(new Set(demos.map((d) => d.id)).size).toBe(demos.length)
    expect(new Set(demos.map((d) => d.persona.name.toLowerCase())).size).toBe(demos.length)
    for (const { persona } of demos) expect(parsePersonaText(serializePersona(persona))).toMatchObject({ ok: true, persona, dropped: [] })
  })

  it('name every security column of sales-orders when they have permissions, with values that exist in the data', () => {
    const ds = demoDataset()
    for (const { persona } of demoPersonas()) {
      for (const permission of persona.token.permissions ?? []) {
        const rules = permission.record_permissions as RecordPermission[]
        expect(rules.map((r) => r.security_name).sort()).toEqual([...SALES_SECURITY_NAMES].sort())
        for (const rule of rules) {
          for (const value of rule.values) {
            if (value === '*') continue
            expect(ds.rows.some((row) => row[rule.security_name] === value), `${persona.name}: ${rule.security_name} ${String(value)}`).toBe(true)
          }
        }
      }
    }
  })

  it('see what their names say', () => {
    const total = demoDataset().rows.length
    expect(rows(DEMO_PERSONA_NAMES.all)).toHaveLength(total)
    const europe = rows(DEMO_PERSONA_NAMES.europe)
    expect(europe.length).toBeGreaterThan(0)
    expect(new Set(europe.map((r) => r.region))).toEqual(new Set(['Europe']))
    expect(rows(DEMO_PERSONA_NAMES.none)).toHaveLength(0)
    const software = rows(DEMO_PERSONA_NAMES.software)
    expect(new Set(software.map((r) => r.category))).toEqual(new Set(['Software']))
  })
})
