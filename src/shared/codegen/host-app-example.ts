/**
 * The request `examples/host-app` is generated from (scripts/generate-host-app.ts):
 * Dashboard View of the sandbox's Sales Analytics app for one visitor, limited
 * to two regions by record-level security. A test checks the folder is
 * exactly the generator's output for it.
 */
import { buildCodeRequest, type CodeRequest } from './model'
import { findWidget } from '../widget-catalog'

export const HOST_APP_EXAMPLE_LANGUAGE = 'node-fetch'
export const HOST_APP_EXAMPLE_DIR = 'examples/host-app'

export function hostAppExampleRequest(): CodeRequest {
  return buildCodeRequest({
    widget: findWidget('page-view')!,
    domain: 'http://127.0.0.1:4300',
    qrvey86OrNewer: true,
    fields: { dashboardId: 'overview' },
    body: {
      userid: 'demo-user',
      appid: '59VShVtjM',
      clientid: 'visitor@example.com',
      expiresIn: '10m',
      version: '2',
      permissions: [{ dataset_id: '*', record_permissions: [{ security_name: 'region', validation_type: 'EQUAL', values: ['Europe', 'North America'] }] }]
    }
  })
}
