/** Times as people read them: the clock for today, the date and clock otherwise. */
const pad = (n: number) => String(n).padStart(2, '0')

export function formatClock(ms: number, today = Date.now()): string {
  const d = new Date(ms)
  if (Number.isNaN(d.getTime())) return ''
  const clock = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  return d.toDateString() === new Date(today).toDateString() ? clock : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clock}`
}

/** A full local date and time with the zone offset, e.g. "2024-05-01 12:00:00 (UTC+02:00)". */
export function formatDateTime(ms: number): string {
  const d = new Date(ms)
  if (Number.isNaN(d.getTime())) return ''
  const offset = -d.getTimezoneOffset()
  const sign = offset >= 0 ? '+' : '-'
  const zone = `UTC${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} (${zone})`
}
