/**
 * The demo setups the sandbox ships (issue 11, point 2): valid setups, one
 * per sandbox widget, on ids the sandbox has, with permissions that name
 * every security column (QRVEY.md §1: a missing one restricts access) and
 * narrowing values that exist in the data.
 */
import { describe, expect, it } from 'vitest'
import { demoSetups } from '../../../../src/sandbox/data/demo-setups'
import { DEMO_APPS, demoDataset, SALES_DATASET_ID, visibleRows } from '../../../../src/sandbox/data'
import { setupSchema } from '../../../../src/shared/setup'
import { WIDGET_CATALOG, missingWidgetFields } from '../../../../src/shared/widget-catalog'
import type { RecordPermission } from '../../../../src/shared/permissions'

const demos = demoSetups()
const data = demoDataset()

describe('demo setups', () => {
  it('are valid setups, one for every widget the sandbox serves, with every required widget field', () => {
    for (const demo of demos) {
      expect(setupSchema.safeParse(demo.setup).success, demo.id).toBe(true)
      const widget = WIDGET_CATALOG.find((w) => w.id === demo.setup.widget)!
      expect(missingWidgetFields(widget, demo.setup.widgetFields), demo.id).toEqual({})
      expect(DEMO_APPS[demo.setup.token.appid], demo.id).toBeDefined()
    }
    const widgets = new Set(demos.filter((d) => !d.rls).map((d) => d.setup.widget))
    expect([...widgets].sort()).toEqual(WIDGET_CATALOG.map((w) => w.id).sort())
    expect(demos.filter((d) => d.rls).length).toBeGreaterThanOrEqual(2)
  })

  it('name every security column, and narrow only with values that exist', () => {
    const names = data.meta.columns.flatMap((c) => (c.securityName ? [c.securityName] : []))
    for (const demo of demos) {
      const rules = demo.setup.token.permissions![0].record_permissions as RecordPermission[]
      expect(rules.map((r) => r.security_name).sort(), demo.id).toEqual([...names].sort())
      for (const rule of rules) {
        for (const value of rule.values ?? []) {
          if (value === '*') continue
          const column = data.meta.columns.find((c) => c.securityName === rule.security_name)!
          expect(data.rows.some((row) => row[column.id] === value), `${demo.id}: ${rule.security_name} = ${String(value)}`).toBe(true)
        }
      }
    }
  })

  it('leave rows to show; the RLS examples fewer than all', () => {
    for (const demo of demos) {
      const rows = visibleRows(data.rows, SALES_DATASET_ID, demo.setup.token.permissions)
      expect(rows.length, demo.id).toBeGreaterThan(0)
      if (demo.rls) expect(rows.length, demo.id).toBeLessThan(data.rows.length)
      else expect(rows.length, demo.id).toBe(data.rows.length)
    }
  })
})
