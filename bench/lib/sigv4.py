#!/usr/bin/env python3
"""Signs CodeCommit JSON 1.1 requests (AWS Signature Version 4) for the benchmark, without botocore.

  sigv4.py lua    URL OPERATION JSON_BODY     a wrk script replaying one signed request
  sigv4.py raw    URL OPERATION JSON_BODY     the same request as raw HTTP/1.1 bytes (for openloop.c)
  sigv4.py create URL PREFIX COUNT THREADS    CreateRepository PREFIX00000.. over keep-alive connections
  sigv4.py call   URL OPERATION JSON_BODY     one request; prints the response body

Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, the region from AWS_DEFAULT_REGION.
A replayed signature stays valid for the server's clock-skew window (15 minutes), longer than a run.
"""
import datetime
import hashlib
import hmac
import http.client
import json
import os
import sys
import threading
import urllib.parse

SERVICE = "codecommit"
TARGET = "CodeCommit_20150413."
CONTENT_TYPE = "application/x-amz-json-1.1"


def sign(host, operation, body, now=None):
    key, secret = os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"]
    region = os.environ.get("AWS_DEFAULT_REGION", "us-east-1")
    now = now or datetime.datetime.now(datetime.timezone.utc)
    amz_date, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
    headers = {"content-type": CONTENT_TYPE, "host": host, "x-amz-date": amz_date, "x-amz-target": TARGET + operation}
    names = sorted(headers)
    canonical = "\n".join(["POST", "/", "", "".join(f"{n}:{headers[n]}\n" for n in names), ";".join(names),
                           hashlib.sha256(body.encode()).hexdigest()])
    scope = f"{day}/{region}/{SERVICE}/aws4_request"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    k = ("AWS4" + secret).encode()
    for part in (day, region, SERVICE, "aws4_request"):
        k = hmac.new(k, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(k, to_sign.encode(), hashlib.sha256).hexdigest()
    headers["authorization"] = (f"AWS4-HMAC-SHA256 Credential={key}/{scope}, SignedHeaders={';'.join(names)}, "
                                f"Signature={signature}")
    return headers


def call(connection, host, operation, body):
    status, payload, _ = call_with_id(connection, host, operation, body)
    return status, payload


def call_with_id(connection, host, operation, body):
    """The status, the body and the request id, which the server's log names a failed call by."""
    headers = sign(host, operation, body)
    del headers["host"]
    connection.request("POST", "/", body=body.encode(), headers=headers)
    response = connection.getresponse()
    return response.status, response.read(), response.getheader("x-amzn-RequestId")


def main():
    mode, url = sys.argv[1], urllib.parse.urlsplit(sys.argv[2])
    host = url.netloc
    if mode == "lua":
        operation, body = sys.argv[3], sys.argv[4]
        headers = sign(host, operation, body)
        print('wrk.method = "POST"')
        print(f"wrk.body = {json.dumps(body)}")
        for name, value in headers.items():
            if name != "host":
                print(f"wrk.headers[{json.dumps(name)}] = {json.dumps(value)}")
    elif mode == "raw":
        operation, body = sys.argv[3], sys.argv[4]
        headers = sign(host, operation, body)
        lines = ["POST / HTTP/1.1"] + [f"{name}: {value}" for name, value in headers.items()]
        lines.append(f"content-length: {len(body.encode())}")
        sys.stdout.buffer.write(("\r\n".join(lines) + "\r\n\r\n" + body).encode())
    elif mode == "call":
        status, payload = call(http.client.HTTPConnection(url.hostname, url.port), host, sys.argv[3], sys.argv[4])
        print(payload.decode())
        sys.exit(0 if status == 200 else 1)
    elif mode == "create":
        prefix, count, threads = sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
        failures = []

        def work(start):
            connection = http.client.HTTPConnection(url.hostname, url.port)
            for i in range(start, count, threads):
                status, payload, request_id = call_with_id(
                    connection, host, "CreateRepository", json.dumps({"repositoryName": f"{prefix}{i:05}"}))
                if status != 200 and b"RepositoryNameExistsException" not in payload:
                    failures.append(f"HTTP {status}, request {request_id}: {payload[:300]!r}")

        workers = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        if failures:
            sys.exit(f"{len(failures)} CreateRepository calls failed, e.g. {failures[0]}")
    else:
        sys.exit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
