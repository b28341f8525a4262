#!/usr/bin/env python3
"""Generates the benchmark's input trees under a work directory (nothing large is committed).

Usage: gen.py WORKDIR SCALE
  WORKDIR/trees/app   (a) a Spring-Boot-style app: one ~40 MB fat jar, scripts and config
  WORKDIR/trees/web   (b) a web app: 5,000 small text files, ~150 MB in all
  WORKDIR/trees/big   (c) one ~1 GiB mostly incompressible file
  WORKDIR/trees/check (d) 2,000 text files (~40 MB) and 60 MB of random files: the check users would run
SCALE multiplies every size and the file count (1 = the sizes of issue 6). A tree whose stamp
matches is kept, so repeated runs do not pay for generation again.
"""
import itertools
import os
import random
import shutil
import sys
import zipfile

MIB = 1024 * 1024


def main():
    work, scale = sys.argv[1], float(sys.argv[2])
    trees = os.path.join(work, "trees")
    os.makedirs(trees, exist_ok=True)
    for name, make in (("app", make_app), ("web", make_web), ("big", make_big), ("check", make_check)):
        root = os.path.join(trees, name)
        stamp = os.path.join(trees, "." + name + ".stamp")
        want = "scale=%s v1" % scale
        if os.path.isdir(root) and os.path.exists(stamp) and open(stamp).read() == want:
            continue
        shutil.rmtree(root, ignore_errors=True)
        os.makedirs(root)
        # Fixed seeds: every run at one scale packs the same bytes.
        make(root, scale, random.Random(name))
        with open(stamp, "w") as f:
            f.write(want)
        print("generated %s: %d files, %.1f MB" % (name, *tree_size(root)), flush=True)


def tree_size(root):
    count = total = 0
    for d, _, files in os.walk(root):
        for f in files:
            count += 1
            total += os.path.getsize(os.path.join(d, f))
    return count, total / 1e6


def words(rng, vocabulary, n):
    tokens, cum_weights = vocabulary
    return " ".join(rng.choices(tokens, cum_weights=cum_weights, k=n))


def vocabulary(rng, size=1000):
    """Keywords and made-up identifiers with Zipf-like frequencies: deflate shrinks such text about 3.5x,
    as it does minified JavaScript, CSS and HTML."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    base = ["function", "return", "const", "let", "var", "if", "else", "for", "while", "this", "new",
            "class", "import", "export", "from", "default", "true", "false", "null", "undefined",
            "=>", "{", "}", "(", ")", ";", "=", "===", "+", ".", ",", "<div>", "</div>", "<span",
            "class=\"", "\">", "margin:", "padding:", "0px;", "#fff;", "display:", "flex;"]
    tokens = base + ["".join(rng.choices(letters, k=rng.randint(3, 10))) for _ in range(size)]
    cum_weights = list(itertools.accumulate(1 / (i + 1) for i in range(len(tokens))))
    return tokens, cum_weights


def make_app(root, scale, rng):
    """A fat jar like Spring Boot's: compressed classes plus nested library jars stored as they are."""
    jar = os.path.join(root, "app-1.0.0.jar")
    target = int(40 * MIB * scale)
    vocab = vocabulary(rng)
    with zipfile.ZipFile(jar, "w") as z:
        z.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nMain-Class: org.example.Launcher\n",
                   compress_type=zipfile.ZIP_DEFLATED)
        classes = int(400 * max(scale, 0.01))
        for i in range(classes):
            body = ("\xca\xfe\xba\xbe" + words(rng, vocab, rng.randint(200, 1200))).encode("latin-1", "replace")
            z.writestr("BOOT-INF/classes/org/example/app/C%04d.class" % i, body,
                       compress_type=zipfile.ZIP_DEFLATED)
        written = os.path.getsize(jar) if os.path.exists(jar) else 0
        lib = 0
        # Nested jars are already deflated, so their bytes do not compress any further.
        while True:
            z.fp.flush()
            written = z.fp.tell()
            if written >= target:
                break
            size = min(target - written, rng.randint(50_000, 2_500_000))
            z.writestr("BOOT-INF/lib/lib%03d-1.0.jar" % lib, rng.randbytes(max(size, 1)),
                       compress_type=zipfile.ZIP_STORED)
            lib += 1
    files = {
        "deploy.sh": "#!/bin/sh\nset -e\nexec java -jar app-1.0.0.jar --spring.config.location=config/\n",
        "PreDeploy.sh": "#!/bin/sh\necho \"Stopping #{Octopus.Project.Name}\"\nsystemctl stop app || true\n",
        "PostDeploy.sh": "#!/bin/sh\nsystemctl start app\ncurl -fsS http://localhost:8080/actuator/health\n",
        "config/application.yml": "server:\n  port: 8080\nspring:\n  datasource:\n    url: jdbc:postgresql://db/app\n"
        + words(rng, vocab, 300) + "\n",
        "config/application-prod.yml": "logging:\n  level:\n    root: INFO\n" + words(rng, vocab, 200) + "\n",
        "config/logback.xml": "<configuration>\n" + words(rng, vocab, 400) + "\n</configuration>\n",
    }
    for name, text in files.items():
        path = os.path.join(root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
        if name.endswith(".sh"):
            os.chmod(path, 0o755)


def make_web(root, scale, rng):
    """5,000 text files of 1 to ~100 KB in nested folders, ~150 MB: text compresses about 3x."""
    vocab = vocabulary(rng)
    count = max(10, int(5000 * scale))
    mean = 150e6 * scale / count
    kinds = (("js", "static/js"), ("css", "static/css"), ("html", "pages"), ("json", "data"), ("svg", "static/img"))
    for i in range(count):
        ext, folder = kinds[i % len(kinds)]
        path = os.path.join(root, folder, "m%02d" % (i % 40), "f%05d.%s" % (i, ext))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        size = int(rng.uniform(0.05, 1.95) * mean)
        text = words(rng, vocab, max(1, size // 4))
        with open(path, "w") as f:
            f.write(text[:size])


def make_big(root, scale, rng):
    """One file: 7/8 random bytes, 1/8 repeated text, written in 1 MiB blocks."""
    total = int(1024 * MIB * scale)
    text = (words(rng, vocabulary(rng), 200_000).encode() * 8)[:MIB]
    with open(os.path.join(root, "data.bin"), "wb") as f:
        block = 0
        while total > 0:
            n = min(MIB, total)
            f.write(text[:n] if block % 8 == 7 else rng.randbytes(n))
            total -= n
            block += 1


def make_check(root, scale, rng):
    """2,000 text files (~40 MB, deflating about 3x) and six random 10 MB files, 60 MB, that do not shrink."""
    vocab = vocabulary(rng)
    count = max(10, int(2000 * scale))
    mean = 40e6 * scale / count
    for i in range(count):
        path = os.path.join(root, "site", "p%02d" % (i % 20), "f%04d.html" % i)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        size = int(rng.uniform(0.05, 1.95) * mean)
        with open(path, "w") as f:
            f.write(words(rng, vocab, max(1, size // 4))[:size])
    os.makedirs(os.path.join(root, "media"), exist_ok=True)
    for i in range(6):
        with open(os.path.join(root, "media", "clip%d.bin" % i), "wb") as f:
            f.write(rng.randbytes(int(10_000_000 * scale)))


if __name__ == "__main__":
    main()
