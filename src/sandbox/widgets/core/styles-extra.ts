/** Styles of the widgets beyond dashboards: reports, workflows, forms, downloads. */
export const EXTRA_WIDGET_CSS = /* css */ `
.qv-not-simulated {
  display: flex; gap: 10px; align-items: flex-start;
  margin: 12px 16px; padding: 12px 14px; border-radius: 10px;
  background: #fff7ed; border: 1px solid #fed7aa; color: #7c2d12;
}
.qv-not-simulated .qv-icon { color: #c2410c; margin-top: 2px; width: 18px; height: 18px; }
.qv-body { padding: 16px 20px; }
.qv-list { display: flex; flex-direction: column; gap: 8px; }
.qv-list-item {
  display: flex; align-items: center; gap: 12px; width: 100%; text-align: left;
  padding: 12px 14px; border-radius: 10px; cursor: pointer;
  background: var(--qv-surface); border: 1px solid var(--qv-border);
}
.qv-list-item:hover { border-color: var(--qv-primary); box-shadow: 0 1px 0 var(--qv-primary-soft); }
.qv-list-title { font-weight: 600; }
.qv-list-sub { color: var(--qv-muted); font-size: 12px; }
.qv-status { padding: 2px 8px; border-radius: 999px; font-size: 11px; font-weight: 650; text-transform: uppercase; letter-spacing: .04em; }
.qv-status-active { background: #dcfce7; color: #166534; }
.qv-status-paused { background: #f1f5f9; color: var(--qv-muted); }
.qv-steps { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0; }
.qv-step { display: flex; gap: 12px; align-items: center; padding: 10px 14px; background: var(--qv-surface); border: 1px solid var(--qv-border); border-radius: 10px; }
.qv-step-link { width: 2px; height: 16px; background: var(--qv-border-strong); margin-left: 28px; }
.qv-step-kind { font-size: 11px; font-weight: 700; text-transform: uppercase; color: var(--qv-primary); width: 78px; flex: none; }
.qv-pages { display: flex; flex-direction: column; align-items: center; gap: 16px; padding: 16px; background: #e5e7eb; }
.qv-page {
  width: min(100%, 794px); aspect-ratio: 210 / 297; background: #fff; color: #111827;
  box-shadow: 0 2px 10px rgba(15, 23, 42, .18); padding: 36px 40px 28px;
  display: flex; flex-direction: column; font-size: 11px;
}
.qv-page-head { display: flex; justify-content: space-between; align-items: flex-end; border-bottom: 2px solid #111827; padding-bottom: 8px; margin-bottom: 10px; }
.qv-page-title { font-size: 18px; font-weight: 700; }
.qv-page-meta { color: #4b5563; font-size: 10px; text-align: right; }
.qv-page table { width: 100%; border-collapse: collapse; }
.qv-page th { text-align: left; border-bottom: 1px solid #9ca3af; padding: 3px 4px; font-size: 10px; text-transform: uppercase; color: #374151; }
.qv-page td { padding: 2.5px 4px; border-bottom: 1px solid #f3f4f6; white-space: nowrap; }
.qv-page .qv-num { text-align: right; font-variant-numeric: tabular-nums; }
.qv-page .qv-group-row td { font-weight: 700; background: #f3f4f6; border-top: 1px solid #d1d5db; }
.qv-page .qv-subtotal-row td { font-weight: 650; border-top: 1px solid #9ca3af; }
.qv-page .qv-grand-row td { font-weight: 800; border-top: 2px solid #111827; }
.qv-page-foot { margin-top: auto; display: flex; justify-content: space-between; color: #6b7280; font-size: 10px; padding-top: 8px; border-top: 1px solid #e5e7eb; }
.qv-pager { display: flex; align-items: center; gap: 8px; }
.qv-form { display: flex; flex-direction: column; gap: 14px; max-width: 560px; margin: 0 auto; padding: 20px; background: var(--qv-surface); border: 1px solid var(--qv-border); border-radius: 12px; }
.qv-form h2 { margin: 0; font-size: 20px; }
.qv-form p { margin: 0; color: var(--qv-muted); }
.qv-input, .qv-textarea { width: 100%; padding: 8px 10px; border: 1px solid var(--qv-border-strong); border-radius: 8px; background: #fff; }
.qv-textarea { min-height: 80px; resize: vertical; }
.qv-required { color: var(--qv-danger); margin-left: 2px; }
.qv-rating { display: flex; gap: 6px; }
.qv-rating button { width: 36px; height: 36px; border-radius: 8px; border: 1px solid var(--qv-border-strong); background: #fff; cursor: pointer; font-weight: 650; }
.qv-rating button[aria-pressed="true"] { background: var(--qv-primary); border-color: var(--qv-primary); color: #fff; }
.qv-field-error { color: var(--qv-danger); font-size: 12px; }
.qv-thanks { text-align: center; padding: 28px 16px; }
.qv-thanks h2 { margin: 0 0 6px; }
.qv-modal-backdrop { position: fixed; inset: 0; background: rgba(15, 23, 42, .45); display: grid; place-items: center; z-index: 1000; padding: 24px; }
.qv-modal { width: min(860px, 100%); max-height: 100%; overflow: auto; background: var(--qv-bg); border-radius: 12px; box-shadow: 0 20px 50px rgba(15, 23, 42, .35); }
.qv-design-q { display: flex; gap: 12px; align-items: center; padding: 10px 12px; background: var(--qv-surface); border: 1px solid var(--qv-border); border-radius: 10px; }
.qv-qtype { font-size: 10.5px; font-weight: 700; color: var(--qv-primary); background: var(--qv-primary-soft); padding: 2px 6px; border-radius: 6px; flex: none; }
[data-qv="exports-table"] td { white-space: normal; word-break: break-word; }
.qv-shell.qv-full { border: 0; border-radius: 0; min-height: 100vh; }
.qv-explorer-single { grid-template-columns: 1fr !important; }
.qv-two { display: grid; grid-template-columns: minmax(0, 1.3fr) minmax(0, 1fr); gap: 16px; }
@container qv (max-width: 720px) { [data-qv="exports-table"] td { white-space: normal; word-break: break-word; }
.qv-shell.qv-full { border: 0; border-radius: 0; min-height: 100vh; }
.qv-explorer-single { grid-template-columns: 1fr !important; }
.qv-two { grid-template-columns: 1fr; } }
`
