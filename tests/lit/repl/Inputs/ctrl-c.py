#!/usr/bin/python3
# ctrl-c.py HFC MODEL
#
# Drives `hfc repl MODEL` on a pseudo-terminal as a user would: Ctrl-C on a
# half-typed line gives a fresh prompt where the session still works; two
# Ctrl-C within a second end hfc. Prints what happened, one line each.
import os
import pty
import select
import sys
import time

hfc, model = sys.argv[1], sys.argv[2]
env = dict(os.environ, HFC_HISTORY=os.devnull)
pid, fd = pty.fork()
if pid == 0:
    os.execve(hfc, [hfc, "repl", model], env)

out = b""


def wait_for(pattern, timeout):
    """Reads until `pattern` appears after what was read so far; False on timeout or exit."""
    global out
    start = len(out)
    deadline = time.time() + timeout
    while time.time() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                return False
            if not chunk:
                return False
            out += chunk
            if pattern in out[start:]:
                return True
    return False


print("prompt" if wait_for(b"hfc> ", 120) else "NO PROMPT")
os.write(fd, b"fit --fi")
time.sleep(0.3)
os.write(fd, b"\x03")
print("line dropped" if wait_for(b"hfc> ", 10) else "NO PROMPT AFTER CTRL-C")
time.sleep(1.5)
os.write(fd, b"eval\n")
alive = wait_for(b"twice_nll", 20)
alive = alive and (b"hfc> " in out[out.rfind(b"twice_nll"):] or wait_for(b"hfc> ", 10))
print("session alive" if alive else "SESSION DEAD " + repr(out[-200:]))
time.sleep(1.5)
os.write(fd, b"\x03")
time.sleep(0.2)
os.write(fd, b"\x03")
_, status = os.waitpid(pid, 0)
print("exit", os.waitstatus_to_exitcode(status))
