/**
 * The host page a customer's application would serve to embed a widget, as
 * Qrvey documents it: launcher script(s) from the Qrvey domain, the
 * configuration object in a global variable, and the element created with an
 * attribute naming that variable. The preview runs exactly this page; the
 * preview adds one marked block that reports what the widget does to the
 * workbench and applies renewed tokens. "Copy host page" is the same page
 * without that block.
 */
import type { WidgetDefinition } from './widget-catalog'
import { PREVIEW_REPORTS_GLOBAL, PREVIEW_REPORTS_MAX, PREVIEW_SOURCE, WORKBENCH_SOURCE } from './preview-messages'
import { SANDBOX_NOTICE_HEADER } from './sandbox-api'
import { SANDBOX_SCHEME_ATTRIBUTE } from './sandbox-themes'

export const CONFIG_VARIABLE = 'qrveyConfig'
export const PREVIEW_BLOCK_START = '<!-- workbench-preview:start -->'
export const PREVIEW_BLOCK_END = '<!-- workbench-preview:end -->'

export interface HostPageInput {
  widget: WidgetDefinition
  /** The Qrvey domain (origin) the widget scripts and API calls come from. */
  domain: string
  config: Record<string, unknown>
  /**
   * Set for the preview: the workbench origin that may receive reports and send renewals, and
   * `sandboxScheme: 'dark'` when the workbench is dark (the sandbox widgets' hint; see sandbox-themes.ts).
   */
  preview?: { parentOrigin: string; sandboxScheme?: 'dark' }
}

/** What the host page's own CSP must allow, per Qrvey's embedding requirements (QRVEY.md §4). */
export function hostPageCsp(domain: string): string {
  const wss = domain.replace(/^http/, 'ws')
  return [
    "default-src 'none'",
    `script-src ${domain} 'unsafe-inline'`,
    `style-src ${domain} 'unsafe-inline'`,
    `font-src ${domain} data:`,
    `img-src ${domain} data: blob:`,
    `connect-src ${domain} ${wss}`,
    'worker-src blob:',
    'frame-src blob:',
    "base-uri 'none'",
    "form-action 'none'"
  ].join('; ')
}

export function buildHostPage(input: HostPageInput): string {
  const { widget, domain } = input
  const scripts = widget.launchers
    .map((l) => {
      const src = escapeAttribute(`${domain}${l.path}`)
      if (l.type === 'module') return `  <script type="module" src="${src}"></script>`
      if (l.type === 'nomodule') return `  <script nomodule src="${src}"></script>`
      return `  <script src="${src}"></script>`
    })
    .join('\n')
  const preview = input.preview
    ? `  ${PREVIEW_BLOCK_START}\n${input.preview.sandboxScheme === 'dark' ? `${darkHint()}\n` : ''}${previewBlock(input.preview.parentOrigin, widget)}\n  ${PREVIEW_BLOCK_END}\n`
    : ''
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="Content-Security-Policy" content="${escapeAttribute(hostPageCsp(domain))}">
  <title>${escapeText(widget.name)} embedded</title>
  <style>html, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; } #widget { min-height: 100%; }</style>
${preview}  <script>
    // A demo page: the token below is written into the page and expires (expiresIn, or the instance's default),
    // after which the widget reports qvTokenExpired and stops. For production, use the integration page
    // (the workbench's "Copy integration page" or Code tab): it fetches tokens from your backend and renews them.
    // The configuration object the widget reads: its element's "${widget.configAttribute}" attribute names this variable.
    window.${CONFIG_VARIABLE} = ${scriptJson(input.config)};
  </script>
${scripts}
</head>
<body>
  <div id="widget"></div>
  <script>
    // Qrvey's way to apply a (new) token: remove the element and create it again.
    function mountWidget() {
      var host = document.getElementById('widget');
      var old = host.querySelector(${scriptJson(widget.element)});
      if (old) old.remove();
      var element = document.createElement(${scriptJson(widget.element)});
      element.setAttribute(${scriptJson(widget.configAttribute)}, ${scriptJson(CONFIG_VARIABLE)});
      host.append(element);
    }
    mountWidget();
  </script>
</body>
</html>
`
}

/**
 * The integration page: fetches its token from the host backend's
 * /qrvey-token (any backend of the Code tab), mounts the widget and renews
 * it on qvTokenExpired. The same page as the Code tab's HTML/JS.
 */
export { htmlPage as buildIntegrationPage } from './codegen/frontends/html'

/**
 * The workbench is dark: the page's background follows, and the root gets the
 * sandbox-only attribute the offline sandbox's widgets read when no themeId
 * chooses their look. Real Qrvey widgets ignore it; a copied page never has it.
 */
function darkHint(): string {
  return `  <style>html { background: #111318; color-scheme: dark; }</style>
  <script>document.documentElement.setAttribute(${scriptJson(SANDBOX_SCHEME_ATTRIBUTE)}, 'dark');</script>`
}

/** The preview page's reporter: forwards widget events and failures to the workbench, applies renewed tokens. */
function previewBlock(parentOrigin: string, widget: WidgetDefinition): string {
  return `  <script>
    (function () {
      var parentOrigin = ${scriptJson(parentOrigin)};
      var target = window.opener || (window.parent !== window ? window.parent : null);
      // Nobody to post to (a headless render opens this page at the top level): the render reads this list.
      var kept = target ? null : (window[${scriptJson(PREVIEW_REPORTS_GLOBAL)}] = []);
      function report(kind, name, message, detail) {
        var safeDetail;
        try { safeDetail = detail === undefined ? undefined : JSON.parse(JSON.stringify(detail)); } catch (e) { safeDetail = String(detail); }
        var entry = { source: ${scriptJson(PREVIEW_SOURCE)}, kind: kind, name: name, message: message, detail: safeDetail, time: Date.now() };
        if (target) target.postMessage(entry, parentOrigin);
        else if (kept.length < ${PREVIEW_REPORTS_MAX}) kept.push(entry);
      }
      // The page the widget shows now, so a renewal can bring the user back to it
      // (dashboardId, the documented config key). Qrvey's qvDSHPageLoaded has no
      // detail; the offline sandbox says which page on its own side channel.
      var shownPage = null;
      function pageOf(info) {
        var id = info && typeof info === 'object' ? info.dashboardId || info.pageId || info.pageid : null;
        return typeof id === 'string' && id ? id : null;
      }
      // The compare view keeps side-by-side previews on the same page: it hears
      // page-shown and answers other frames with show-page.
      function pageShown(page) {
        if (!page || page === shownPage) return;
        shownPage = page;
        report('lifecycle', 'page-shown', 'The widget shows page "' + page + '".', { page: page });
      }
      document.addEventListener('qv-sandbox-info', function (event) {
        var d = event.detail;
        if (d && d.event === 'qvDSHPageLoaded' && pageOf(d.info)) pageShown(pageOf(d.info));
      });
      document.addEventListener('qvDSHPageLoaded', function (event) {
        if (pageOf(event.detail)) pageShown(pageOf(event.detail));
      });
      // The offline sandbox says what it did on a side channel of its own
      // (qv-sandbox-info, just before the event): Qrvey's qvDSHPageLoaded and
      // qvDSHItemsLoaded carry no detail, so the log shows none for them.
      var sandboxInfo = {};
      document.addEventListener('qv-sandbox-info', function (event) {
        var d = event.detail;
        if (d && typeof d.event === 'string') sandboxInfo[d.event] = d.info;
      });
      function describeInfo(info) {
        if (!info || typeof info !== 'object') return '';
        return Object.keys(info).map(function (k) { return k + ' ' + JSON.stringify(info[k]); }).join(', ');
      }
      ['qvDSHPageLoaded', 'qvDSHItemsLoaded', 'qvTokenExpired'].forEach(function (name) {
        document.addEventListener(name, function (event) {
          var info = describeInfo(sandboxInfo[name]);
          delete sandboxInfo[name];
          report('event', name, info ? name + ' (sandbox: ' + info + ')' : name, event.detail === null ? undefined : event.detail);
        });
      });
      window.addEventListener('error', function (event) {
        var el = event.target;
        if (el && el.tagName === 'SCRIPT') {
          report('script-error', 'script-load-failed', 'Could not load the widget script ' + el.src + '. Check the domain, and that this Qrvey instance serves widgets.', { src: el.src });
        } else {
          report('page-error', 'uncaught-error', String(event.message || 'Script error'), { file: event.filename, line: event.lineno });
        }
      }, true);
      window.addEventListener('unhandledrejection', function (event) {
        report('page-error', 'unhandled-rejection', String(event.reason && event.reason.message || event.reason));
      });
      // Warnings too: the offline sandbox says there what it accepted but could not honour (an unknown themeId or dashboardId).
      var consoleWarn = console.warn;
      console.warn = function () {
        var text = Array.prototype.map.call(arguments, function (a) { return a instanceof Error ? a.message : typeof a === 'string' ? a : JSON.stringify(a); }).join(' ');
        report('console-warn', 'console.warn', text);
        return consoleWarn.apply(console, arguments);
      };
      var consoleError = console.error;
      console.error = function () {
        var text = Array.prototype.map.call(arguments, function (a) { return a instanceof Error ? a.message : typeof a === 'string' ? a : JSON.stringify(a); }).join(' ');
        report('console-error', 'console.error', text);
        return consoleError.apply(console, arguments);
      };
      // The offline sandbox explains what security withheld in a response header; each text once per widget.
      var noticed = {};
      function reportNotices(response) {
        var header;
        try { header = response.headers.get(${scriptJson(SANDBOX_NOTICE_HEADER)}); } catch (e) { return; }
        if (!header) return;
        var notes;
        try { notes = JSON.parse(header); } catch (e) { return; }
        if (!Array.isArray(notes)) return;
        notes.forEach(function (note) {
          if (typeof note !== 'string' || noticed[note]) return;
          noticed[note] = true;
          report('security', 'sandbox-security', note);
        });
      }
      var realFetch = window.fetch;
      window.fetch = function (input, init) {
        var url = typeof input === 'string' ? input : (input && input.url) || String(input);
        var method = (init && init.method) || (input && input.method) || 'GET';
        return realFetch.apply(this, arguments).then(function (response) {
          if (!response.ok) report('network-error', 'http-' + response.status, method + ' ' + url + ' answered ' + response.status, { url: url, status: response.status });
          reportNotices(response);
          return response;
        }, function (error) {
          report('network-error', 'request-failed', method + ' ' + url + ' failed: ' + (error && error.message), { url: url });
          throw error;
        });
      };
      window.addEventListener('message', function (event) {
        var data = event.data;
        if (event.origin !== parentOrigin || !data || data.source !== ${scriptJson(WORKBENCH_SOURCE)}) return;
        if (data.kind === 'show-page' && typeof data.page === 'string' && data.page) {
          // Another preview moved to this page: open it here too, by the documented config key.
          if (data.page === shownPage) return;
          var current = window.${CONFIG_VARIABLE};
          current.dashboardId = data.page;
          if ('pageId' in current) current.pageId = data.page;
          shownPage = data.page;
          mountWidget();
          report('lifecycle', 'page-synced', 'Opened page "' + data.page + '" to follow the other previews.', { page: data.page });
          return;
        }
        if (data.kind !== 'renew' || typeof data.token !== 'string') return;
        var config = window.${CONFIG_VARIABLE};
        var key = 'qvToken' in config ? 'qvToken' : 'qv_token';
        config[key] = data.token;
        noticed = {};
        // Re-created on the page it showed, by the documented config key; userFilters stay in the config as they were.
        var keptPage = shownPage;
        if (keptPage) {
          config.dashboardId = keptPage;
          if ('pageId' in config) config.pageId = keptPage;
        }
        mountWidget();
        report('lifecycle', 'token-renewed', keptPage
          ? 'New token applied; the widget was re-created on the page it showed (dashboardId "' + keptPage + '").'
          : 'New token applied; the widget was re-created where its configuration opens it.', { keptPage: keptPage, userFilters: 'userFilters' in config });
      });
      // The offline sandbox's widgets say their state on the element (data-qv-state:
      // loading, ready, error, expired); Qrvey's own widgets do not, and their events say it.
      var lastState = null;
      function watchState() {
        var el = document.querySelector(${scriptJson(widget.element)});
        var state = el && el.getAttribute('data-qv-state');
        if (!state || state === lastState) return;
        lastState = state;
        report('lifecycle', 'widget-state', 'Widget state: ' + state + '.', { state: state });
      }
      new MutationObserver(function () {
        watchState();
      }).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-qv-state'] });
      window.addEventListener('DOMContentLoaded', function () {
        if (!customElements.get(${scriptJson(widget.element)})) {
          report('script-error', 'element-undefined', 'The launcher loaded but did not define <' + ${scriptJson(widget.element)} + '>. Is this the right Qrvey version and widget?');
        } else {
          report('lifecycle', 'mounted', '<' + ${scriptJson(widget.element)} + '> created.');
        }
      });
    })();
  </script>`
}

/** Removes the preview block: the page a customer would copy. */
export function withoutPreviewBlock(html: string): string {
  const start = html.indexOf(PREVIEW_BLOCK_START)
  const end = html.indexOf(PREVIEW_BLOCK_END)
  if (start < 0 || end < 0) return html
  const lineStart = html.lastIndexOf('\n', start) + 1
  return html.slice(0, lineStart) + html.slice(end + PREVIEW_BLOCK_END.length + 1)
}

/** JSON safe inside a <script> element: no "</script>", no HTML comment openers, no line separators. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
