/**
 * The widgets' look, bundled into the script and applied inside each
 * element's shadow root (a constructable style sheet where supported, which
 * no CSP blocks; a <style> element otherwise). System fonts only: nothing
 * is fetched from elsewhere.
 */
import { DARK_WIDGET_CSS } from './styles-dark'
import { EXTRA_WIDGET_CSS } from './styles-extra'

export const WIDGET_CSS = /* css */ `
:host {
  --qv-bg: #f4f6fa;
  --qv-surface: #ffffff;
  --qv-border: #e3e8ef;
  --qv-border-strong: #cfd7e3;
  --qv-text: #0f172a;
  --qv-muted: #64748b;
  --qv-faint: #94a3b8;
  --qv-primary: #3563e9;
  --qv-primary-dark: #2448b8;
  --qv-primary-soft: #eaf0ff;
  --qv-danger: #dc2626;
  --qv-danger-soft: #fef2f2;
  --qv-ok: #0f9d58;
  --qv-row: 76px;
  --qv-font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  display: block;
  container-type: inline-size;
  container-name: qv;
  font-family: var(--qv-font);
  font-size: 14px;
  line-height: 1.45;
  color: var(--qv-text);
  -webkit-font-smoothing: antialiased;
}
:host([hidden]) { display: none; }
*, *::before, *::after { box-sizing: border-box; }
button, select, input { font: inherit; color: inherit; }
.qv-icon { flex: none; }

.qv-shell {
  position: relative;
  background: var(--qv-bg);
  border: 1px solid var(--qv-border);
  border-radius: 12px;
  overflow: hidden;
  min-height: 160px;
}
.qv-header {
  display: flex; align-items: center; gap: 12px;
  padding: 12px 20px;
  background: var(--qv-surface);
  border-bottom: 1px solid var(--qv-border);
}
.qv-logo {
  width: 28px; height: 28px; border-radius: 8px; flex: none;
  display: grid; place-items: center;
  background: linear-gradient(135deg, #3563e9, #14b8a6);
  color: #fff; font-weight: 700; font-size: 15px;
}
.qv-brand { display: flex; flex-direction: column; min-width: 0; }
.qv-brand-name { font-weight: 650; font-size: 15px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.qv-brand-sub { color: var(--qv-muted); font-size: 12px; }
.qv-spacer { flex: 1; }
.qv-pill {
  display: inline-flex; align-items: center; gap: 4px;
  padding: 2px 8px; border-radius: 999px;
  font-size: 11px; font-weight: 600; letter-spacing: .04em; text-transform: uppercase;
  background: #f1f5f9; color: var(--qv-muted); border: 1px solid var(--qv-border);
}
.qv-pill-warn { background: #fff7ed; color: #b45309; border-color: #fed7aa; }

.qv-tabs {
  display: flex; gap: 4px; padding: 0 16px;
  background: var(--qv-tab-bg, var(--qv-surface));
  border-bottom: 1px solid var(--qv-border);
  overflow-x: auto;
}
.qv-tab {
  appearance: none; background: none; border: 0; cursor: pointer;
  padding: 11px 12px 10px; margin-bottom: -1px;
  color: var(--qv-tab-text, var(--qv-muted)); font-weight: 550; white-space: nowrap;
  border-bottom: 2px solid transparent;
}
.qv-tab:hover:not(:disabled) { color: var(--qv-text); }
.qv-tab[aria-selected="true"] { color: var(--qv-primary); border-bottom-color: var(--qv-primary); }
.qv-tab:disabled { cursor: not-allowed; opacity: .55; }
.qv-tab:focus-visible, .qv-btn:focus-visible, .qv-icon-btn:focus-visible, .qv-sort:focus-visible {
  outline: 2px solid var(--qv-primary); outline-offset: 2px; border-radius: 6px;
}

.qv-toolbar {
  display: flex; align-items: center; gap: 10px; flex-wrap: wrap;
  padding: 16px 20px 0;
}
.qv-title { margin: 0; font-size: 18px; font-weight: 650; letter-spacing: -.01em; }
.qv-meta { color: var(--qv-muted); font-size: 12px; }
.qv-actions { display: flex; align-items: center; gap: 8px; margin-left: auto; position: relative; }

.qv-btn {
  display: inline-flex; align-items: center; gap: 6px;
  height: 32px; padding: 0 12px; border-radius: 8px; cursor: pointer;
  background: var(--qv-surface); border: 1px solid var(--qv-border-strong);
  font-size: 13px; font-weight: 550; color: var(--qv-text);
  transition: background .12s, border-color .12s;
}
.qv-btn:hover:not(:disabled) { background: #f8fafc; border-color: var(--qv-faint); }
.qv-btn:disabled { opacity: .5; cursor: not-allowed; }
.qv-btn-primary { background: var(--qv-primary); border-color: var(--qv-primary); color: #fff; }
.qv-btn-primary:hover:not(:disabled) { background: var(--qv-primary-dark); border-color: var(--qv-primary-dark); }
.qv-btn-ghost { border-color: transparent; background: transparent; }
.qv-icon-btn {
  display: inline-grid; place-items: center;
  width: 26px; height: 26px; border-radius: 6px; cursor: pointer;
  background: var(--qv-surface); border: 1px solid var(--qv-border); color: var(--qv-muted);
}
.qv-icon-btn:hover:not(:disabled) { color: var(--qv-text); border-color: var(--qv-border-strong); }
.qv-icon-btn:disabled { opacity: .35; cursor: not-allowed; }
.qv-icon-btn.qv-danger:hover:not(:disabled) { color: var(--qv-danger); border-color: #fca5a5; background: var(--qv-danger-soft); }

.qv-grid {
  display: grid;
  grid-template-columns: repeat(12, minmax(0, 1fr));
  grid-auto-rows: var(--qv-row);
  gap: 16px;
  padding: 16px 20px 20px;
}
.qv-panel {
  display: flex; flex-direction: column; min-width: 0; min-height: 0;
  background: var(--qv-surface);
  border: 1px solid var(--qv-border);
  border-radius: 12px;
  box-shadow: 0 1px 2px rgba(15, 23, 42, .04);
  overflow: hidden;
}
.qv-editing .qv-panel { border-style: dashed; border-color: #9db4f5; box-shadow: none; }
.qv-panel-head { display: flex; align-items: flex-start; gap: 8px; padding: 12px 16px 2px; }
.qv-panel-titles { min-width: 0; flex: 1; }
.qv-panel-title { font-weight: 600; font-size: 13.5px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.qv-panel-sub { color: var(--qv-muted); font-size: 12px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.qv-panel-tools { display: flex; gap: 4px; flex: none; }
.qv-panel-body { position: relative; flex: 1; min-height: 0; padding: 6px 16px 14px; display: flex; flex-direction: column; }
.qv-kpi-body { justify-content: center; }
.qv-panel { container-type: inline-size; }
.qv-kpi { font-size: clamp(20px, 9cqi, 34px); font-weight: 700; letter-spacing: -.02em; font-variant-numeric: tabular-nums; line-height: 1.15; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.qv-kpi-caption { color: var(--qv-muted); font-size: 12px; margin-top: 2px; }
.qv-chart { position: relative; flex: 1; min-height: 0; }
.qv-chart canvas { position: absolute; inset: 0; }
.qv-badge {
  display: inline-flex; align-items: center; gap: 4px; flex: none;
  padding: 1px 7px; border-radius: 999px; font-size: 11px; font-weight: 600;
  color: #0f766e; background: #e6fffa; border: 1px solid #99f6e4;
}
.qv-badge-icon { padding: 3px; }
.qv-badge-icon .qv-icon { width: 13px; height: 13px; }

.qv-table-wrap { flex: 0 1 auto; min-height: 0; overflow: auto; border: 1px solid var(--qv-border); border-radius: 8px; }
.qv-table { width: 100%; border-collapse: separate; border-spacing: 0; font-size: 13px; }
.qv-table th {
  position: sticky; top: 0; z-index: 1;
  background: #f8fafc; color: var(--qv-muted);
  font-size: 12px; font-weight: 600; text-align: left;
  padding: 8px 12px; border-bottom: 1px solid var(--qv-border); white-space: nowrap;
}
.qv-table td { padding: 7px 12px; border-bottom: 1px solid #f1f5f9; white-space: nowrap; max-width: 320px; overflow: hidden; text-overflow: ellipsis; }
.qv-table tbody tr:hover td { background: #f8fafc; }
.qv-table tr:last-child td { border-bottom: 0; }
.qv-table .qv-num { text-align: right; font-variant-numeric: tabular-nums; }
.qv-table tfoot td { font-weight: 650; background: #f8fafc; border-top: 1px solid var(--qv-border); position: sticky; bottom: 0; }
.qv-sort {
  appearance: none; background: none; border: 0; padding: 0; cursor: pointer;
  display: inline-flex; align-items: center; gap: 4px; font: inherit; color: inherit;
}
.qv-sort:hover { color: var(--qv-text); }
th[aria-sort="ascending"] .qv-sort, th[aria-sort="descending"] .qv-sort { color: var(--qv-primary); }

.qv-message {
  margin: 20px; padding: 14px 16px;
  display: flex; gap: 12px; align-items: flex-start;
  background: var(--qv-danger-soft); color: #7f1d1d;
  border: 1px solid #fecaca; border-left: 4px solid var(--qv-danger); border-radius: 10px;
}
.qv-message .qv-icon { color: var(--qv-danger); margin-top: 2px; width: 18px; height: 18px; }
.qv-message-title { font-weight: 650; margin-bottom: 2px; }
.qv-message-text { margin: 0; white-space: pre-wrap; word-break: break-word; }
.qv-message-meta { margin-top: 6px; font-size: 12px; color: #991b1b; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; }
.qv-panel .qv-message { margin: 0; padding: 10px 12px; font-size: 12.5px; }
.qv-message > div { min-width: 0; }
.qv-message-text { overflow-wrap: anywhere; }
/* A panel whose data failed keeps the whole message readable: it starts at the top (a centred KPI body
   would cut it off at both ends) and scrolls inside the card when the card is shorter than the message. */
.qv-panel[data-state="error"] .qv-panel-body { justify-content: flex-start; overflow: auto; overscroll-behavior: contain; }
.qv-panel[data-state="error"] .qv-message { flex: none; }
.qv-standalone { margin: 0; }
/* A widget that only shows a message is just the message. */
.qv-shell:has(> .qv-standalone:only-child) { min-height: 0; border: 0; background: transparent; }

.qv-expired {
  margin: 40px auto; max-width: 440px; padding: 28px 28px 24px; text-align: center;
  background: var(--qv-surface); border: 1px solid var(--qv-border); border-radius: 14px;
  box-shadow: 0 8px 24px rgba(15, 23, 42, .06);
}
.qv-expired-icon {
  width: 44px; height: 44px; margin: 0 auto 12px; border-radius: 50%;
  display: grid; place-items: center; background: #fff7ed; color: #c2410c;
}
.qv-expired-icon .qv-icon { width: 22px; height: 22px; }
.qv-expired h3 { margin: 0 0 6px; font-size: 16px; }
.qv-expired p { margin: 0; color: var(--qv-muted); font-size: 13px; }
.qv-code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; background: #f1f5f9; padding: 1px 5px; border-radius: 4px; color: var(--qv-text); }

.qv-skeleton {
  border-radius: 8px;
  background: linear-gradient(90deg, #eef2f7 0%, #f7f9fc 40%, #eef2f7 80%);
  background-size: 200% 100%;
  animation: qv-shimmer 1.3s ease-in-out infinite;
}
.qv-skeleton-kpi { height: 34px; width: 62%; }
.qv-skeleton-block { flex: 1; min-height: 40px; }
.qv-loading { padding: 56px 20px; text-align: center; color: var(--qv-muted); }
.qv-spinner {
  width: 22px; height: 22px; margin: 0 auto 10px; border-radius: 50%;
  border: 3px solid #dbe4f5; border-top-color: var(--qv-primary);
  animation: qv-spin .8s linear infinite;
}
@keyframes qv-shimmer { from { background-position: 100% 0; } to { background-position: -100% 0; } }
@keyframes qv-spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .qv-skeleton, .qv-spinner { animation: none; } }

.qv-empty { color: var(--qv-muted); font-size: 13px; margin: auto; text-align: center; }

.qv-menu {
  position: absolute; top: calc(100% + 6px); right: 0; z-index: 20;
  width: 300px; max-height: 380px; overflow: auto; padding: 6px;
  background: var(--qv-surface); border: 1px solid var(--qv-border); border-radius: 10px;
  box-shadow: 0 12px 32px rgba(15, 23, 42, .14);
}
.qv-menu-heading { padding: 6px 10px 4px; font-size: 11px; font-weight: 650; letter-spacing: .05em; text-transform: uppercase; color: var(--qv-faint); }
.qv-menu-item {
  display: flex; flex-direction: column; align-items: flex-start; width: 100%;
  padding: 7px 10px; border: 0; border-radius: 6px; background: none; text-align: left; cursor: pointer;
}
.qv-menu-item:hover, .qv-menu-item:focus-visible { background: var(--qv-primary-soft); outline: none; }
.qv-menu-item-label { font-weight: 600; font-size: 13px; }
.qv-menu-item-desc { color: var(--qv-muted); font-size: 12px; }
.qv-dirty { color: #b45309; font-size: 12px; font-weight: 600; }

.qv-toast {
  position: absolute; top: 12px; left: 50%; transform: translateX(-50%); z-index: 30;
  padding: 8px 14px; border-radius: 8px; font-size: 13px; font-weight: 550;
  background: #0f172a; color: #fff; box-shadow: 0 8px 24px rgba(15, 23, 42, .2);
}

/* Report Builder and Analytic Suite */
.qv-split { display: grid; grid-template-columns: 240px minmax(0, 1fr); gap: 16px; padding: 16px 20px 20px; }
.qv-side, .qv-card {
  background: var(--qv-surface); border: 1px solid var(--qv-border); border-radius: 12px;
  box-shadow: 0 1px 2px rgba(15, 23, 42, .04);
}
.qv-side { padding: 14px; align-self: start; }
.qv-card { padding: 14px 16px; min-width: 0; display: flex; flex-direction: column; }
.qv-field { display: flex; flex-direction: column; gap: 4px; margin-bottom: 12px; }
.qv-label { font-size: 12px; font-weight: 600; color: var(--qv-muted); }
.qv-select {
  height: 32px; padding: 0 8px; border-radius: 8px; border: 1px solid var(--qv-border-strong); background: var(--qv-surface);
  font-size: 13px; min-width: 0;
}
.qv-checks { display: flex; flex-direction: column; gap: 2px; max-height: 420px; overflow: auto; }
.qv-check { display: flex; align-items: center; gap: 8px; padding: 4px 6px; border-radius: 6px; font-size: 13px; cursor: pointer; }
.qv-check:hover { background: #f8fafc; }
.qv-check input { accent-color: var(--qv-primary); width: 15px; height: 15px; margin: 0; }
.qv-type { margin-left: auto; color: var(--qv-faint); font-size: 11px; }
.qv-card-head { display: flex; align-items: center; gap: 10px; margin-bottom: 10px; flex-wrap: wrap; }
.qv-card-title { font-weight: 650; font-size: 14px; }
.qv-report-table { max-height: 520px; }
.qv-segment { align-self: flex-start; display: inline-flex; border: 1px solid var(--qv-border-strong); border-radius: 8px; overflow: hidden; }
.qv-segment button { appearance: none; border: 0; background: var(--qv-surface); padding: 0 12px; height: 30px; cursor: pointer; font-size: 13px; font-weight: 550; color: var(--qv-muted); }
.qv-segment button + button { border-left: 1px solid var(--qv-border-strong); }
.qv-segment button[aria-pressed="true"] { background: var(--qv-primary-soft); color: var(--qv-primary); }
.qv-explorer-controls { display: flex; gap: 12px; flex-wrap: wrap; align-items: flex-end; padding: 16px 20px 0; }
.qv-explorer-controls .qv-field { margin: 0; min-width: 170px; }
.qv-explorer { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 16px; padding: 16px 20px 20px; }
.qv-explorer-chart, .qv-explorer-table { height: 340px; display: flex; flex-direction: column; min-height: 0; }
.qv-kpi-strip { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 16px; padding: 16px 20px 0; }
.qv-kpi-strip .qv-card { padding: 12px 16px; }

/* Single Panel: just the panel, filling the host element. */
.qv-single { background: transparent; border: 0; }
.qv-single .qv-panel { height: var(--qv-single-height, 360px); }
.qv-single .qv-panel.qv-panel-kpi { height: auto; min-height: 140px; }

@container qv (max-width: 760px) {
  .qv-grid { grid-template-columns: minmax(0, 1fr); grid-auto-rows: auto; }
  .qv-grid > .qv-panel { grid-column: 1 / -1 !important; grid-row: auto !important; height: calc(var(--qv-rows, 4) * 64px); }
  .qv-split, .qv-explorer { grid-template-columns: minmax(0, 1fr); }
  .qv-kpi-strip { grid-template-columns: minmax(0, 1fr); }
}
`

let shared: CSSStyleSheet | undefined

/** Puts the widget styles into a shadow root. */
const ALL_CSS = `${WIDGET_CSS}${EXTRA_WIDGET_CSS}${DARK_WIDGET_CSS}`

export function adoptStyles(root: ShadowRoot): void {
  const canAdopt = 'adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && typeof CSSStyleSheet.prototype.replaceSync === 'function'
  if (canAdopt) {
    try {
      shared ??= new CSSStyleSheet()
      if (shared.cssRules.length === 0) shared.replaceSync(ALL_CSS)
      root.adoptedStyleSheets = [shared]
      return
    } catch {
      // fall back to a <style> element below
    }
  }
  const style = document.createElement('style')
  style.textContent = ALL_CSS
  root.append(style)
}

