/**
 * The documented config keys that change how a widget looks, applied to the
 * element (QRVEY.md §2): `styles` (Dashboard Builder: main_color,
 * main_text_color, secondary_color, icon_color, tab_bar_color, tab_font_color,
 * error_color), `style_options` (Web Form Design), `themeId` (a theme of the
 * app, src/shared/sandbox-themes.ts; sandbox-dark draws the widget dark),
 * `i18n {lang, locale}` (number and date formats), `timezone {offset}`.
 * What the sandbox cannot honour is said in the console, never ignored silently.
 */
import { SANDBOX_SCHEME_ATTRIBUTE, SANDBOX_THEME_IDS, sandboxTheme } from '../../../shared/sandbox-themes'
import type { WidgetConfig } from './config'
import { configObject, configText } from './config'

const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i
const NAMED = /^[a-z]{3,20}$/i

/** Style key -> the CSS custom properties it sets on the widget. */
const STYLE_VARIABLES: Readonly<Record<string, readonly string[]>> = {
  main_color: ['--qv-primary', '--qv-primary-dark'],
  main_text_color: ['--qv-text'],
  secondary_color: ['--qv-primary-soft'],
  icon_color: ['--qv-icon'],
  tab_bar_color: ['--qv-tab-bg'],
  tab_font_color: ['--qv-tab-text'],
  error_color: ['--qv-danger'],
  // Web Form Design's style_options
  error: ['--qv-danger'],
  tab_bar: ['--qv-tab-bg']
}

/** The locale for numbers and dates: i18n.locale, else i18n.lang, else en-US; an unknown tag falls back. */
export function localeOf(config: WidgetConfig | undefined): string {
  if (!config) return 'en-US'
  const i18n = configObject(config, 'i18n')
  const wanted = [i18n?.locale, i18n?.lang].find((v): v is string => typeof v === 'string' && v.trim() !== '')
  if (!wanted) return 'en-US'
  try {
    return Intl.NumberFormat.supportedLocalesOf([wanted]).length > 0 ? wanted : 'en-US'
  } catch {
    return 'en-US'
  }
}

/** "-1:00" -> "UTC-01:00"; undefined when absent or malformed. */
export function timezoneLabel(config: WidgetConfig): string | undefined {
  const offset = configObject(config, 'timezone')?.offset
  if (typeof offset !== 'string') return undefined
  const match = /^([+-]?)(\d{1,2}):(\d{2})$/.exec(offset.trim())
  if (!match || Number(match[2]) > 14 || Number(match[3]) > 59) return undefined
  return `UTC${match[1] === '-' ? '-' : '+'}${match[2].padStart(2, '0')}:${match[3]}`
}

/**
 * Applies styles, theme, locale and time zone to the element and returns
 * what it could not apply (for a console warning).
 */
export function applyPresentation(element: HTMLElement, config: WidgetConfig): string[] {
  const problems: string[] = []
  for (const name of new Set(Object.values(STYLE_VARIABLES).flat())) element.style.removeProperty(name)
  delete element.dataset.qvTheme
  delete element.dataset.qvScheme

  const themeId = configText(config, 'themeId', 'theme_id')
  const styles: Record<string, unknown> = {}
  const theme = themeId === undefined ? undefined : sandboxTheme(themeId)
  if (theme) {
    Object.assign(styles, theme.styles)
    element.dataset.qvTheme = themeId
    if (theme.scheme) element.dataset.qvScheme = theme.scheme
  } else if (themeId !== undefined) {
    problems.push(`themeId "${themeId}" is not a theme of the sandbox's demo apps (they have: ${SANDBOX_THEME_IDS.join(', ')}); the default look is used`)
  }
  // Without a theme of its own, the workbench's preview may ask for dark on a sandbox-only hint (never in a copied page).
  if (!theme && document.documentElement.getAttribute(SANDBOX_SCHEME_ATTRIBUTE) === 'dark') element.dataset.qvScheme = 'dark'

  Object.assign(styles, configObject(config, 'styles') ?? {}, configObject(config, 'style_options') ?? {})
  for (const [key, value] of Object.entries(styles)) {
    const variables = STYLE_VARIABLES[key]
    if (!variables) continue
    if (typeof value !== 'string' || !(HEX.test(value) || NAMED.test(value))) {
      problems.push(`styles.${key} must be a hex color such as "#0f766e" or a color name; got ${JSON.stringify(value)}`)
      continue
    }
    for (const variable of variables) element.style.setProperty(variable, value)
  }

  const i18n = configObject(config, 'i18n')
  if (i18n) {
    const wanted = [i18n.locale, i18n.lang].find((v): v is string => typeof v === 'string' && v.trim() !== '')
    if (wanted && localeOf(config) !== wanted) problems.push(`i18n: "${wanted}" is not a locale this browser knows; numbers use en-US`)
    if (typeof i18n.lang === 'string' && !/^en\b/i.test(i18n.lang)) problems.push(`i18n.lang "${i18n.lang}": translating the widget's own texts is not simulated offline; numbers and dates follow ${localeOf(config)}`)
  }
  if (config.raw.timezone !== undefined && timezoneLabel(config) === undefined) {
    problems.push('timezone must be { offset: "HH:MM" } such as { offset: "-1:00" } (timezone-support.md)')
  }
  return problems
}
