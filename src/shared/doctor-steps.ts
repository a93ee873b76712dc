/**
 * The connection doctor's steps in the order they run, without the request
 * schema (doctor.ts re-exports this): the renderer lists them in the first
 * screen, which does not load zod (issue 15).
 */
export const DOCTOR_STEPS = [
  { id: 'url', title: 'URL shape' },
  { id: 'dns', title: 'DNS' },
  { id: 'tcp', title: 'TCP connection' },
  { id: 'tls', title: 'TLS certificate' },
  { id: 'token', title: 'Token endpoint' },
  { id: 'launcher', title: 'Launcher scripts' },
  { id: 'data-api', title: 'Data API accepts the token' },
  { id: 'widget', title: 'Widget renders' }
] as const
