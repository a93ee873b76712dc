/**
 * How a preview follows the workbench's dark theme, pure. The documented way
 * first: on the offline sandbox, a widget with a `themeId` key (Dashboard
 * View/Builder, Analytic Suite, Single Panel) gets the sandbox's dark theme,
 * unless the user chose a theme. A widget without one gets a sandbox-only
 * hint in the preview block (never in the copied host page). A Qrvey
 * instance's themes are its own: the note says how to get its dark theme.
 */
import { SANDBOX_DARK_THEME_ID } from '@shared/sandbox-themes'
import type { WidgetDefinition } from '@shared/widget-catalog'

export interface PreviewDress {
  fields: Record<string, string | boolean>
  sandboxScheme?: 'dark'
  /** What was done (or not) for the dark theme, for the event log. */
  note?: string
}

export function dressForScheme(widget: WidgetDefinition, fields: Record<string, string | boolean>, options: { dark: boolean; sandbox: boolean }): PreviewDress {
  if (!options.dark) return { fields }
  const hasThemeKey = widget.fields.some((field) => field.key === 'themeId')
  const chosen = typeof fields.themeId === 'string' && fields.themeId.trim() !== '' ? fields.themeId.trim() : undefined
  if (!options.sandbox) {
    return {
      fields,
      note: hasThemeKey && !chosen ? 'Dark theme: the widget shows the instance\'s own look. To preview it dark, set Theme id to the id of your dark theme (Qrvey ships a "Qrvey Dark Theme"; Composer shows its id).' : undefined
    }
  }
  if (chosen) return { fields, sandboxScheme: 'dark', note: `Dark theme: your Theme id "${chosen}" decides the widget's look.` }
  if (hasThemeKey) {
    return {
      fields: { ...fields, themeId: SANDBOX_DARK_THEME_ID },
      sandboxScheme: 'dark',
      note: `Dark theme: the preview passes themeId "${SANDBOX_DARK_THEME_ID}", the sandbox's dark theme, by the documented themeId key (it is in the configuration and the copied host page). A Theme id of your own wins.`
    }
  }
  return {
    fields,
    sandboxScheme: 'dark',
    note: `Dark theme: ${widget.name} has no documented theme setting, so the sandbox draws it dark on a hint only the workbench's preview sends (not in the copied host page).`
  }
}
