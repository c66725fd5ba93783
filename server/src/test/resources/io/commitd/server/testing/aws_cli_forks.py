"""Runs the aws CLI's own script once per request, each time in a child forked from one warm interpreter.

A fresh `aws` process spends most of a call starting Python and importing botocore and awscli; a
child forked after those imports starts where they left off. Each child gets the request's
arguments, environment, working directory and stdin (empty unless the request carries it), and runs
the unmodified script as `__main__`, exactly as the interpreter would.

Usage: python aws_cli_forks.py AWS_SCRIPT SOCKET_PATH
Prints "ready" once it listens. A request is one line of JSON, {"argv": [...], "env": {...},
"cwd": "..." or null, "stdin": base64, optional}; the answer is the child's pid on a line, then one line of JSON, {"exit": n,
"stdout": base64, "stderr": base64}. Exits when its stdin closes (the JVM that started it is gone).
"""

import base64
import json
import os
import runpy
import select
import signal
import socket
import sys
import tempfile
import traceback

SCRIPT, SOCKET_PATH = sys.argv[1], sys.argv[2]

# Importing awscli adds its data directory to AWS_DATA_PATH in the environment; a child that takes the
# request's environment must get that back, as its own import would have done.
_ENVIRONMENT_BEFORE = dict(os.environ)
import awscli  # noqa: E402
SET_BY_IMPORT = {k: v for k, v in os.environ.items() if _ENVIRONMENT_BEFORE.get(k) != v}


def run_script(argv, env, cwd):
    """Runs the aws script as the interpreter would and returns the process's exit status."""
    os.environ.clear()
    os.environ.update(env)
    os.environ.update(SET_BY_IMPORT)
    if cwd:
        os.chdir(cwd)
    sys.argv = [SCRIPT] + argv
    try:
        runpy.run_path(SCRIPT, run_name="__main__")
        return 0
    except SystemExit as exit:
        if exit.code is None:
            return 0
        if isinstance(exit.code, int):
            return exit.code
        print(exit.code, file=sys.stderr)
        return 1
    except BaseException:
        traceback.print_exc()
        return 1


def warm_up():
    """Imports what a call imports lazily, by one call to a port where nothing listens."""
    saved_err = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    try:
        env = dict(os.environ, AWS_ACCESS_KEY_ID="warm", AWS_SECRET_ACCESS_KEY="warm", AWS_MAX_ATTEMPTS="1",
                   AWS_DEFAULT_REGION="us-east-1", AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull,
                   AWS_EC2_METADATA_DISABLED="true")
        saved_env = dict(os.environ)
        run_script(["--endpoint-url", "http://127.0.0.1:9", "--output", "json",
                    "codecommit", "get-repository", "--repository-name", "warm-up"], env, None)
        os.environ.clear()
        os.environ.update(saved_env)
    finally:
        sys.stderr.flush()
        os.dup2(saved_err, 2)
        os.close(saved_err)
        os.close(devnull)


def read_line(connection):
    data = b""
    while not data.endswith(b"\n"):
        chunk = connection.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


def serve(connection):
    """In the child: one call, answered on the connection."""
    request = json.loads(read_line(connection))
    stdout = tempfile.TemporaryFile()
    stderr = tempfile.TemporaryFile()
    stdin = tempfile.TemporaryFile()
    stdin.write(base64.b64decode(request.get("stdin", "")))
    stdin.seek(0)
    os.dup2(stdin.fileno(), 0)
    os.dup2(stdout.fileno(), 1)
    os.dup2(stderr.fileno(), 2)
    connection.sendall(b"%d\n" % os.getpid())
    status = run_script(request["argv"], request["env"], request.get("cwd"))
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    stdout.seek(0)
    stderr.seek(0)
    answer = {"exit": status,
              "stdout": base64.b64encode(stdout.read()).decode("ascii"),
              "stderr": base64.b64encode(stderr.read()).decode("ascii")}
    connection.sendall(json.dumps(answer).encode("ascii") + b"\n")
    connection.close()


def main():
    warm_up()
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(SOCKET_PATH)
    server.listen(64)
    # Children are reaped by the kernel; each child restores the default for the CLI's own subprocesses.
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    print("ready", flush=True)
    while True:
        readable, _, _ = select.select([server, 0], [], [])
        if 0 in readable and not os.read(0, 4096):
            os._exit(0)
        if server in readable:
            connection, _ = server.accept()
            pid = os.fork()
            if pid == 0:
                status = 0
                try:
                    server.close()
                    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                    serve(connection)
                except BaseException:
                    status = 70
                finally:
                    os._exit(status)
            connection.close()


if __name__ == "__main__":
    main()
