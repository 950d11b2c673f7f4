#!/usr/bin/env python3
# A loopback HTTP proxy for the screenshot test: forwards GETs to the web
# application with one Cookie header, so headless Chromium (which takes no
# cookie on its command line) can render signed-in pages.
#   cookie-proxy.py LISTEN_PORT UPSTREAM_URL COOKIE
import http.client, http.server, sys, urllib.parse

port, upstream, cookie = int(sys.argv[1]), sys.argv[2], sys.argv[3]
up = urllib.parse.urlsplit(upstream)

class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        c = http.client.HTTPConnection(up.hostname, up.port, timeout=20)
        c.request("GET", self.path, headers={"Cookie": cookie,
                  "Accept": self.headers.get("Accept", "*/*")})
        r = c.getresponse()
        body = r.read()
        self.send_response(r.status)
        for k, v in r.getheaders():
            if k.lower() in ("content-type", "location", "cache-control"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass

http.server.HTTPServer(("127.0.0.1", port), H).serve_forever()
