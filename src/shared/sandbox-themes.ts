/**
 * The themes of the offline sandbox's demo apps, by the id a widget's
 * documented `themeId` names (Dashboard View, Dashboard Builder, Analytic
 * Suite, Single Panel: partner-portal docs/software-developer/04-Widgets/
 * 05-Widgets). In Qrvey, themes are authored in Composer and each has an id
 * shown there ("Accessing a Theme Programmatically"); Qrvey ships a "Qrvey
 * Dark Theme" (composer/07-Charts/setting-chart-styles.md) whose id is the
 * instance's own, so the sandbox has a dark theme of its own: sandbox-dark.
 * The widgets (src/sandbox/widgets) and the workbench's form hints read this list.
 */
export interface SandboxTheme {
  name: string
  /** Dashboard Builder style keys the theme sets. */
  styles: Readonly<Record<string, string>>
  /** A dark theme: canvas and panels dark, text light. */
  scheme?: 'dark'
}

export const SANDBOX_DARK_THEME_ID = 'sandbox-dark'

export const SANDBOX_THEMES: Readonly<Record<string, SandboxTheme>> = {
  'sandbox-teal': { name: 'Teal', styles: { main_color: '#0f766e' } },
  'sandbox-sunset': { name: 'Sunset', styles: { main_color: '#c2410c', tab_bar_color: '#fff7ed' } },
  [SANDBOX_DARK_THEME_ID]: { name: 'Dark', styles: { main_color: '#5b8def' }, scheme: 'dark' }
}

export const SANDBOX_THEME_IDS: readonly string[] = Object.keys(SANDBOX_THEMES)

export function sandboxTheme(id: string): SandboxTheme | undefined {
  return Object.hasOwn(SANDBOX_THEMES, id) ? SANDBOX_THEMES[id] : undefined
}

/**
 * The attribute the workbench's preview (never a copied host page) sets on
 * the page's root for a widget without a documented theme setting: a
 * sandbox-only hint that the workbench is dark. Real Qrvey widgets ignore it.
 */
export const SANDBOX_SCHEME_ATTRIBUTE = 'data-qv-sandbox-scheme'
