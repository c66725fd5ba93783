"""`aws` for processes the suite starts, git's credential helper among them: hands the call, with its
arguments, environment, working directory and stdin, to aws_cli_forks.py, whose socket lies next to
this script's directory, and prints and exits with what the forked aws did."""

import base64
import json
import os
import socket
import sys

SOCKET_PATH = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "socket")


def main():
    request = {"argv": sys.argv[1:], "env": dict(os.environ), "cwd": os.getcwd(),
               "stdin": base64.b64encode(sys.stdin.buffer.read()).decode("ascii")}
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.connect(SOCKET_PATH)
    connection.sendall(json.dumps(request).encode("utf-8") + b"\n")
    answer = b""
    while True:
        chunk = connection.recv(65536)
        if not chunk:
            break
        answer += chunk
    lines = answer.split(b"\n")
    if len(lines) < 2 or not lines[1]:
        sys.stderr.write("aws (forked) gave no answer\n")
        return 70
    outcome = json.loads(lines[1])
    sys.stdout.buffer.write(base64.b64decode(outcome["stdout"]))
    sys.stderr.buffer.write(base64.b64decode(outcome["stderr"]))
    return outcome["exit"]


if __name__ == "__main__":
    sys.exit(main())
