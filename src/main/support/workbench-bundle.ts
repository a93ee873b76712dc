/**
 * The workbench's `support:bundle`: what the page sent (the form, the last
 * request and preview) joined with what main knows (the environment without
 * its key, the doctor's last report, versions), through the bundle's nets
 * with every key the app has seen.
 */
import type { Result } from '../../shared/result'
import { fail } from '../../shared/result'
import type { SupportBundle, SupportBundleRequest } from '../../shared/support-bundle'
import type { DoctorService } from '../doctor/doctor-service'
import type { EnvironmentService } from '../environments/environment-service'
import type { KeyEcho } from '../secrets/key-echo'
import type { SecretGuard } from '../workspace/secret-guard'
import { buildSupportBundle } from './support-bundle'
import { systemInfo } from './system-info'

export interface WorkbenchBundleDeps {
  environments: Pick<EnvironmentService, 'state'>
  doctor: Pick<DoctorService, 'last'>
  echo: () => KeyEcho
  guard: SecretGuard
  version: string
  shell: string
  clock?: () => Date
}

export function createWorkbenchBundler(deps: WorkbenchBundleDeps): (request: SupportBundleRequest) => Result<SupportBundle> {
  return (request) => {
    const env = deps.environments.state().environments.find((e) => e.id === request.environmentId)
    if (!env) return fail('NOT_FOUND', 'That environment no longer exists; pick another one from the list.')
    return buildSupportBundle(
      {
        environment: { name: env.name, kind: env.kind, domain: env.domain, timeoutMs: env.timeoutMs, keySet: env.key.set },
        setup: request.setup,
        request: request.request,
        tokenHeader: request.tokenHeader,
        preview: request.preview ? { source: "the workbench's preview", widgetId: request.preview.widgetId, log: request.preview.log } : undefined,
        doctor: deps.doctor.last(request.environmentId),
        system: systemInfo(deps.version, deps.shell),
        createdAt: (deps.clock ?? (() => new Date()))()
      },
      { echo: deps.echo(), guard: deps.guard }
    )
  }
}
