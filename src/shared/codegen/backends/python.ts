/** Python 3 with requests for the call to Qrvey and the standard library's http.server for the endpoint. */
import { CODE_CONTRACT as C, type CodeRequest } from '../model'
import { pyString, pyValue } from '../escape'
import { comment, usageLines } from './header'

export function pythonServer(request: CodeRequest): string {
  return `${comment(usageLines(request, 'pip install requests && python3 server.py'), '# ')}
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import requests

API_KEY = os.environ.get(${pyString(C.apiKeyEnv)})
if not API_KEY:
    sys.exit(${pyString(`Set ${C.apiKeyEnv} to your Qrvey API key (it is never written into this file).`)})
DOMAIN = (os.environ.get(${pyString(C.domainEnv)}) or ${pyString(request.domain)}).rstrip("/")
PORT = int(os.environ.get(${pyString(C.portEnv)}, ${pyString(String(C.defaultPort))}))

# The token body, exactly as the workbench sent it.
BODY = ${pyValue(request.body)}


def request_token():
    response = requests.post(
        DOMAIN + ${pyString(C.tokenPath)},
        json=BODY,
        headers={"x-api-key": API_KEY},
        timeout=15,
    )
    if not response.ok:
        raise RuntimeError(f"Qrvey answered {response.status_code}: {response.text[:500]}")
    token = response.json().get("token")
    if not isinstance(token, str):
        raise RuntimeError("Qrvey answered without a token")
    return token


class Handler(BaseHTTPRequestHandler):
    def send(self, status, content_type, data):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        path = self.path.split("?")[0]
        if path == ${pyString(C.endpoint)}:
            try:
                answer = {"token": request_token(), "domain": DOMAIN}
                self.send(200, "application/json", json.dumps(answer).encode())
            except Exception as error:  # report any failure to the page, never the key
                self.send(502, "application/json", json.dumps({"error": str(error)}).encode())
        elif path == "/":
            page = Path(__file__).with_name("index.html")
            if page.exists():
                self.send(200, "text/html; charset=utf-8", page.read_bytes())
            else:
                self.send(404, "text/plain", b"No index.html beside this server.")
        else:
            self.send(404, "text/plain", b"Not found")

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
print(${pyString(C.listeningPrefix)} + f"http://127.0.0.1:{server.server_address[1]}", flush=True)
server.serve_forever()
`
}
