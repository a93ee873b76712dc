/** Step 1: is the domain a URL the workbench sends a key to (the same rules as the environment form)? */
import { checkDomain } from '../../shared/url-policy'
import { outcome, type DoctorStepRun } from './doctor-types'

export const checkUrl: DoctorStepRun = async (ctx) => {
  const check = checkDomain(ctx.target.domain)
  if (!check.ok) return outcome('fail', `The domain "${ctx.target.domain}" cannot be used: ${check.message}`, { fix: 'Edit the environment and enter the domain as https://yourcompany.qrveyapp.com (no path, no query).' })
  ctx.url = new URL(check.origin)
  return outcome('pass', `${check.origin} is a well-formed ${ctx.url.protocol === 'https:' ? 'https' : 'loopback http'} origin.`)
}
