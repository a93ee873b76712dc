/**
 * Dates in record permissions. Qrvey's docs show bounds such as "Jun 2020"
 * with `group_value: "month"` and say group_value "is only valid for DATE
 * columns", "Default: day"; they do not say which text formats a value may
 * take. The sandbox reads the ones seen in the docs and common ones, always
 * in UTC (never the machine's zone): ISO ("2024", "2024-06", "2024-06-30",
 * full date-times), "Jun 2024" / "June 2024", "6/2024", "06/30/2024" (US
 * order), "Q2 2024", and numbers as epoch milliseconds.
 */
import type { GroupValue } from '../../shared/permissions'
import { toInstant } from './values'

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

function monthIndex(name: string): number | undefined {
  const index = MONTHS.indexOf(name.slice(0, 3).toLowerCase())
  return index < 0 ? undefined : index
}

/** Milliseconds since the epoch (UTC) for a date value, or undefined when it is not one. */
export function parseDateValue(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  const iso = toInstant(text)
  if (iso !== undefined) return iso
  let match = /^(\d{4})$/.exec(text)
  if (match) return Date.UTC(Number(match[1]), 0, 1)
  match = /^([A-Za-z]{3,9})\.?,?\s+(\d{4})$/.exec(text)
  if (match) {
    const month = monthIndex(match[1])
    return month === undefined ? undefined : Date.UTC(Number(match[2]), month, 1)
  }
  match = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(text)
  if (match) {
    const month = monthIndex(match[1])
    return month === undefined ? undefined : Date.UTC(Number(match[3]), month, Number(match[2]))
  }
  match = /^(\d{1,2})\/(\d{4})$/.exec(text)
  if (match && Number(match[1]) >= 1 && Number(match[1]) <= 12) return Date.UTC(Number(match[2]), Number(match[1]) - 1, 1)
  match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text)
  if (match && Number(match[1]) >= 1 && Number(match[1]) <= 12) return Date.UTC(Number(match[3]), Number(match[1]) - 1, Number(match[2]))
  match = /^Q([1-4])\s+(\d{4})$/i.exec(text)
  if (match) return Date.UTC(Number(match[2]), (Number(match[1]) - 1) * 3, 1)
  return undefined
}

const MS = { SECOND: 1000, MINUTE: 60_000, HOUR: 3_600_000, DAY: 86_400_000 } as const

/** ISO week number (weeks start on Monday; week 1 holds the year's first Thursday). */
function isoWeek(date: Date): number {
  const thursday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()))
  thursday.setUTCDate(thursday.getUTCDate() + 3 - ((thursday.getUTCDay() + 6) % 7))
  const firstThursday = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4))
  return 1 + Math.round((thursday.getTime() - firstThursday.getTime()) / (7 * MS.DAY) - ((firstThursday.getUTCDay() + 6) % 7) / 7 + 3 / 7)
}

/**
 * The key an instant groups under: the start of its SECOND ... YEAR (ms), or,
 * for the *_ONLY groups, the bare component (MONTH_ONLY: 1-12, QUARTER_ONLY:
 * 1-4, DAY_ONLY: day of the month, WEEK_ONLY: ISO week, ...), so that
 * "MONTH_ONLY 12" means every December.
 */
export function groupKey(instant: number, group: GroupValue): number {
  const date = new Date(instant)
  const year = date.getUTCFullYear()
  const month = date.getUTCMonth()
  switch (group) {
    case 'SECOND':
    case 'MINUTE':
    case 'HOUR':
    case 'DAY':
      return Math.floor(instant / MS[group]) * MS[group]
    case 'WEEK': {
      const day = Math.floor(instant / MS.DAY) * MS.DAY
      return day - ((date.getUTCDay() + 6) % 7) * MS.DAY
    }
    case 'MONTH':
      return Date.UTC(year, month, 1)
    case 'QUARTER':
      return Date.UTC(year, month - (month % 3), 1)
    case 'YEAR':
      return Date.UTC(year, 0, 1)
    case 'SECOND_ONLY':
      return date.getUTCSeconds()
    case 'MINUTE_ONLY':
      return date.getUTCMinutes()
    case 'HOUR_ONLY':
      return date.getUTCHours()
    case 'DAY_ONLY':
      return date.getUTCDate()
    case 'WEEK_ONLY':
      return isoWeek(date)
    case 'MONTH_ONLY':
      return month + 1
    case 'QUARTER_ONLY':
      return Math.floor(month / 3) + 1
  }
}

export function isComponentGroup(group: GroupValue): boolean {
  return group.endsWith('_ONLY')
}

/**
 * A permission value as a group key: a date for the calendar groups, a
 * component for the *_ONLY ones (12, "12", "December", "Dec"; "Q4" or 4).
 */
export function valueKey(value: unknown, group: GroupValue): number | undefined {
  if (!isComponentGroup(group)) {
    const instant = parseDateValue(value)
    return instant === undefined ? undefined : groupKey(instant, group)
  }
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  if (/^\d+$/.test(text)) return Number(text)
  if (group === 'MONTH_ONLY') {
    const month = monthIndex(text)
    return month === undefined || text.length < 3 ? undefined : month + 1
  }
  if (group === 'QUARTER_ONLY') {
    const match = /^Q([1-4])$/i.exec(text)
    return match ? Number(match[1]) : undefined
  }
  return undefined
}

/** A cell of a date column as a group key; undefined for an empty or unreadable cell. */
export function cellKey(cell: unknown, group: GroupValue): number | undefined {
  const instant = parseDateValue(cell)
  return instant === undefined ? undefined : groupKey(instant, group)
}
