/**
 * Auto-renew must not loop: when every fresh token is already expired (the
 * sandbox's clock-skew mode, a real clock problem, a lifetime shorter than
 * the widget's load time), renewing again only hammers the token endpoint.
 * At most `max` renewals within `windowMs`; then auto-renew stops and says why.
 */
export interface RenewalLimit {
  max: number
  windowMs: number
}

export const RENEWAL_LIMIT: RenewalLimit = { max: 3, windowMs: 30_000 }

export interface RenewalCheck {
  allowed: boolean
  /** The past renewals still inside the window (keep these; older ones no longer count). */
  recent: number[]
}

/** Whether one more renewal may start at `now`, given the times of past renewals. */
export function checkRenewal(past: readonly number[], now: number, limit: RenewalLimit = RENEWAL_LIMIT): RenewalCheck {
  const recent = past.filter((time) => now - time < limit.windowMs)
  return { allowed: recent.length < limit.max, recent }
}

/** Why auto-renew stopped, for the log and the pane. */
export function renewalStopReason(limit: RenewalLimit = RENEWAL_LIMIT): string {
  return (
    `Auto-renew stopped: the token expired again after ${limit.max} renewals within ${Math.round(limit.windowMs / 1000)} s, ` +
    'so new tokens are expired as soon as they are issued. Check the token lifetime (expiresIn) and the clock of the ' +
    "Qrvey instance (the sandbox's clock-skew and token-lifetime modes do this on purpose), then generate a new token."
  )
}
