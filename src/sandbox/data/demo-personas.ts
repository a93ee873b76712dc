/**
 * Ready-made personas that ship with the sandbox (issue 12): the users a
 * row-level-security comparison starts with. Every value exists in the demo
 * data (test/unit/sandbox/data/demo-personas.test.ts checks it), and the
 * permissions are built like the demo setups' (demo-setups.ts): every security
 * name of the secured `sales-orders` dataset is named, narrowed where the
 * persona is narrow and "*" (EQUAL) otherwise, because "any missing security
 * column inside the user's security token will restrict the user's access"
 * (QRVEY.md §1). The one that names none shows what that rule means: no rows
 * of the secured dataset, all of the open `sales-targets`.
 */
import { PERSONA_FORMAT_VERSION, type Persona } from '../../shared/personas/persona'
import type { DemoPersonaView } from '../../shared/personas/persona-workspace'
import { salesPermissions } from './demo-setups'
import { FINANCE_ROLE } from './sales-orders'

export const DEMO_PERSONA_NAMES = {
  all: 'All regions',
  europe: 'Europe only',
  none: 'No permissions',
  software: 'Software line (Finance)'
} as const

function persona(name: string, description: string, token: Persona['token']): Persona {
  return { formatVersion: PERSONA_FORMAT_VERSION, name, description, token }
}

export function demoPersonas(): DemoPersonaView[] {
  return [
    {
      id: 'all-regions',
      description: 'Sees every row: each security column of sales-orders granted with "*" (EQUAL).',
      persona: persona(DEMO_PERSONA_NAMES.all, 'Head of sales: every region, country, category, segment and date.', {
        userid: 'head-of-sales',
        clientid: 'head-of-sales@example.com',
        permissions: salesPermissions()
      })
    },
    {
      id: 'europe-only',
      description: 'Sees only region Europe: region EQUAL "Europe", "*" for the other security columns.',
      persona: persona(DEMO_PERSONA_NAMES.europe, 'Regional manager for Europe.', {
        userid: 'europe-manager',
        clientid: 'europe-manager@example.com',
        permissions: salesPermissions({ region: { validation_type: 'EQUAL', values: ['Europe'] } })
      })
    },
    {
      id: 'no-permissions',
      description: 'A token without permissions: no rows of the secured sales-orders, all of the open sales-targets.',
      persona: persona(DEMO_PERSONA_NAMES.none, 'A new user nobody has granted anything yet: the secured dataset must show nothing.', {
        userid: 'new-user'
      })
    },
    {
      id: 'software-finance',
      description: 'One product line: category EQUAL "Software", with the Finance role that may see unit prices.',
      persona: persona(DEMO_PERSONA_NAMES.software, 'Software product-line controller (Finance role: sees unit_price).', {
        userid: 'software-controller',
        permissions: salesPermissions({ category: { validation_type: 'EQUAL', values: ['Software'] } }),
        roles: [FINANCE_ROLE]
      })
    }
  ]
}
