#!/usr/bin/env python3
"""Deterministic repositories for the benchmark, written as a git fast-import stream.

  genrepo.py deep     | git fast-import   ~5,000 commits, ~100,000 objects, ~20,000 files at HEAD,
                                          text edits (a few lines per file), an annotated tag every 100 commits
  genrepo.py small    | git fast-import   ~1 MB: 40 commits over 200 text files
  genrepo.py binaries | git fast-import   incompressible binaries (BIN_MB, default 250 MB) over 50 commits

The same arguments always give the same objects (seeded generator, fixed dates), so commitd and the
baselines serve byte-identical repositories and reruns reuse bench/.cache.
"""
import os
import random
import sys

out = sys.stdout.buffer
EPOCH = 1_600_000_000


def data(payload: bytes):
    out.write(b"data %d\n" % len(payload))
    out.write(payload)
    out.write(b"\n")


def commit(mark, n, message, changes, parent_mark=None, ref=b"refs/heads/main"):
    when = EPOCH + n * 600
    out.write(b"commit %s\nmark :%d\n" % (ref, mark))
    out.write(b"author Bench Author <author@example.com> %d +0000\n" % when)
    out.write(b"committer Bench Committer <committer@example.com> %d +0000\n" % when)
    data(message.encode())
    if parent_mark:
        out.write(b"from :%d\n" % parent_mark)
    for path, payload in changes:
        out.write(b"M 100644 inline %s\n" % path.encode())
        data(payload)
    out.write(b"\n")


WORDS = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau "
         "upsilon phi chi psi omega commit tree blob pack index delta window cache server client fetch push").split()


def line(rng):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 12)))


def text_repo(commits, dirs, subdirs, files, lines, edits_per_commit, tag_every, seed):
    rng = random.Random(seed)
    paths = [f"d{d:02}/s{s:02}/f{f:03}.txt" for d in range(dirs) for s in range(subdirs) for f in range(files)]
    content = {p: [line(rng) for _ in range(rng.randint(lines // 2, lines))] for p in paths}
    render = lambda p: ("\n".join(content[p]) + "\n").encode()
    commit(1, 0, "initial import\n", [(p, render(p)) for p in paths])
    mark = 1
    for n in range(1, commits):
        changed = set()
        # edits cluster in a couple of directories per commit, as real changes do
        for _ in range(2):
            d, s = rng.randrange(dirs), rng.randrange(subdirs)
            for _ in range(edits_per_commit // 2):
                changed.add(f"d{d:02}/s{s:02}/f{rng.randrange(files):03}.txt")
        for p in sorted(changed):
            body = content[p]
            for _ in range(rng.randint(1, 3)):
                i = rng.randrange(len(body) + 1)
                if rng.random() < 0.3 and body:
                    body[min(i, len(body) - 1)] = line(rng)
                else:
                    body.insert(i, line(rng))
        mark += 1
        commit(mark, n, f"change {n}: edit {len(changed)} files\n\nA deterministic edit for the benchmark.\n",
               [(p, render(p)) for p in sorted(changed)], mark - 1)
        if tag_every and n % tag_every == 50:
            out.write(b"tag v%d\nfrom :%d\ntagger Bench Tagger <tagger@example.com> %d +0000\n" % (n, mark, EPOCH + n * 600))
            data(b"release %d\n" % n)


def binaries(total_mb, commits, seed):
    rng = random.Random(seed)
    per = max(1, total_mb * 1024 * 1024 // commits)
    for n in range(commits):
        commit(n + 1, n, f"binary {n}\n", [(f"bin/b{n % 10}/blob{n:03}.bin", rng.randbytes(per)),
                                          ("notes.txt", ("".join(f"line {i}\n" for i in range(n * 10))).encode())],
               n if n else None)


kind = sys.argv[1]
if kind == "deep":
    text_repo(commits=int(os.environ.get("DEEP_COMMITS", 5000)), dirs=20, subdirs=10, files=100, lines=30,
              edits_per_commit=10, tag_every=100, seed=15)
elif kind == "small":
    text_repo(commits=40, dirs=2, subdirs=5, files=40, lines=260, edits_per_commit=6, tag_every=0, seed=16)
elif kind == "binaries":
    binaries(int(os.environ.get("BIN_MB", 250)), 50, seed=17)
elif kind == "push":
    # 10 new commits on refs/heads/push, on top of main, unique to the label (server and round)
    label = sys.argv[2]
    out.write(b"reset refs/heads/push\nfrom refs/heads/main^0\n\n")
    rng = random.Random(label)
    for i in range(10):
        commit(i + 1, 10_000 + i, f"push {label} {i}\n",
               [(f"pushed/{label}/f{i}.txt", ("\n".join(line(rng) for _ in range(40)) + "\n").encode())], ref=b"refs/heads/push")
else:
    sys.exit(f"unknown repository kind {kind}")
out.write(b"done\n")
