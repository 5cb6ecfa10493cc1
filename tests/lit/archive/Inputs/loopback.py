"""Runs a command against a loopback HTTP server that this script starts and
always stops: `loopback.py DIR -- CMD ARGS...` serves DIR on 127.0.0.1 at a
free port (the server binds port 0 and reports the one it got), replaces
{port} in the arguments, runs the command and exits with its status.

Besides DIR's files (python's http.server), /redirect/NAME answers 302 to
/NAME, and /attach/NAME serves NAME with Content-Disposition: attachment;
filename="record-NAME", as HEPData's resource links do.
"""
import http.server
import os
import subprocess
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path.startswith("/redirect/"):
            self.send_response(302)
            self.send_header("Location", "/" + self.path[len("/redirect/"):])
            self.end_headers()
            return
        if self.path.startswith("/attach/"):
            name = self.path[len("/attach/"):]
            with open(os.path.join(self.directory, name), "rb") as f:
                body = f.read()
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Disposition", f'attachment; filename="record-{name}"')
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


def serve(directory):
    def make(*args, **kwargs):
        return Handler(*args, directory=directory, **kwargs)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make)
    print(server.server_address[1], flush=True)
    server.serve_forever()


def main():
    if sys.argv[1] == "--serve":
        serve(sys.argv[2])
        return 0
    directory = sys.argv[1]
    assert sys.argv[2] == "--"
    server = subprocess.Popen([sys.executable, __file__, "--serve", directory],
                              stdout=subprocess.PIPE, text=True)
    try:
        port = server.stdout.readline().strip()
        if not port:
            print("loopback.py: the server did not start", file=sys.stderr)
            return 99
        cmd = [a.replace("{port}", port) for a in sys.argv[3:]]
        return subprocess.call(cmd)
    finally:
        server.kill()
        server.wait()


if __name__ == "__main__":
    sys.exit(main())
