/**
 * The dark look of the sandbox widgets: the demo apps' "sandbox-dark" theme
 * (themeId, src/shared/sandbox-themes.ts) or the workbench preview's
 * sandbox-only dark hint set `data-qv-scheme="dark"` on the element. The
 * palette is variables; the rest overrides the few colours the light styles
 * write out. Paper stays paper: pixel-perfect report pages keep their white.
 */
export const DARK_WIDGET_CSS = /* css */ `
:host([data-qv-scheme="dark"]) {
  --qv-bg: #0f1722;
  --qv-surface: #18212f;
  --qv-border: #2a3646;
  --qv-border-strong: #3a485b;
  --qv-text: #e2e8f0;
  --qv-muted: #9aa8bb;
  --qv-faint: #6b7a8f;
  --qv-primary-soft: #1d2c4a;
  --qv-danger: #f87171;
  --qv-danger-soft: #3a1d22;
  --qv-ok: #4ade80;
  color-scheme: dark;
}
:host([data-qv-scheme="dark"]) .qv-pill,
:host([data-qv-scheme="dark"]) .qv-code,
:host([data-qv-scheme="dark"]) .qv-status-paused { background: #222d3d; }
:host([data-qv-scheme="dark"]) .qv-pill-warn,
:host([data-qv-scheme="dark"]) .qv-not-simulated,
:host([data-qv-scheme="dark"]) .qv-expired-icon { background: #3a2a14; color: #fbbf6a; border-color: #6b4a1c; }
:host([data-qv-scheme="dark"]) .qv-btn:hover:not(:disabled),
:host([data-qv-scheme="dark"]) .qv-check:hover,
:host([data-qv-scheme="dark"]) .qv-table th,
:host([data-qv-scheme="dark"]) .qv-table tfoot td,
:host([data-qv-scheme="dark"]) .qv-table tbody tr:hover td { background: #1f2a3a; }
:host([data-qv-scheme="dark"]) .qv-table td { border-bottom-color: #232e3e; }
:host([data-qv-scheme="dark"]) .qv-badge { color: #5eead4; background: #0f2e2b; border-color: #1f5f57; }
:host([data-qv-scheme="dark"]) .qv-message { color: #fecaca; border-color: #7f2d2d; border-left-color: var(--qv-danger); }
:host([data-qv-scheme="dark"]) .qv-message-meta { color: #fca5a5; }
:host([data-qv-scheme="dark"]) .qv-skeleton { background: linear-gradient(90deg, #1f2a3a 0%, #283548 40%, #1f2a3a 80%); background-size: 200% 100%; }
:host([data-qv-scheme="dark"]) .qv-status-active { background: #12351f; color: #86efac; }
:host([data-qv-scheme="dark"]) .qv-input,
:host([data-qv-scheme="dark"]) .qv-textarea,
:host([data-qv-scheme="dark"]) .qv-rating button { background: #111a26; }
:host([data-qv-scheme="dark"]) .qv-pages { background: #0b111a; }
/* The security notes carry their light colours inline (security-note.ts); only !important reaches past that. */
:host([data-qv-scheme="dark"]) [data-qv="security-note"],
:host([data-qv-scheme="dark"]) [data-qv="security-notes"],
:host([data-qv-scheme="dark"]) [data-qv="hidden-assets"] { background: #2b2312 !important; color: #f5d79a !important; border-color: #6b5417 !important; }
`
