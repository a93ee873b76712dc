/**
 * The workbench's Test connection: the doctor over an environment of the
 * app, each finished step sent to the page as it comes (`doctor:step`), and
 * the last report per environment kept for the support bundle.
 */
import type { DoctorProgress, DoctorReport, DoctorRunRequest } from '../../shared/doctor'
import { SANDBOX_ENVIRONMENT_ID } from '../../shared/environment'
import { fail, ok, type Result } from '../../shared/result'
import type { EnvironmentService } from '../environments/environment-service'
import { doctorInputFor, runDoctor } from './doctor'
import type { DoctorDeps, DoctorTarget } from './doctor-types'

export class DoctorService {
  private readonly reports = new Map<string, DoctorReport>()

  constructor(
    private readonly environments: Pick<EnvironmentService, 'resolveTarget' | 'domainOf' | 'nameOf'>,
    private readonly deps: DoctorDeps,
    private readonly onProgress: (progress: DoctorProgress) => void = () => {}
  ) {}

  async run(request: DoctorRunRequest): Promise<Result<DoctorReport>> {
    const name = this.environments.nameOf(request.environmentId)
    const domain = this.environments.domainOf(request.environmentId)
    if (name === undefined || !domain.ok) return fail('NOT_FOUND', 'That environment no longer exists; pick another one from the list.')
    const resolved = this.environments.resolveTarget(request.environmentId)
    const kind = request.environmentId === SANDBOX_ENVIRONMENT_ID ? 'sandbox' : 'remote'
    const target: DoctorTarget = resolved.ok
      ? { name, kind, domain: resolved.value.domain, apiKey: resolved.value.apiKey, timeoutMs: resolved.value.timeoutMs }
      : { name, kind, domain: domain.value, apiKey: undefined, keyProblem: resolved.error.message, timeoutMs: 10_000 }
    const input = doctorInputFor(target, request)
    const report = await runDoctor(input, this.deps, (step) => this.onProgress({ runId: request.runId, step }))
    this.reports.set(request.environmentId, report)
    return ok(report)
  }

  /** The last report for an environment, for the support bundle. */
  last(environmentId: string): DoctorReport | undefined {
    return this.reports.get(environmentId)
  }
}
