#!/usr/bin/env bash
# The benchmark of issues 6 and 14: octopus:pack and octopus:push against zip, tar and curl, the check a user
# would run (mvn package with pack against mvn package + zip), and the plugin's overhead on a plain
# `mvn package`; and of issue 13: delta-compressed push over a throttled link.
# Not part of the normal build; generates its inputs under bench/work/.
#
#   bench/run.sh                       full run (sizes of issue 6: 40 MB jar, 150 MB web tree, 1 GiB file)
#   BENCH_SCALE=0.02 BENCH_RUNS=2 bench/run.sh    a quick try at 2 % of the sizes
#
# Environment: BENCH_SCALE (1), BENCH_RUNS (5 measured runs after one warm-up), BENCH_BIG_RUNS (3 runs
# packing the 1 GiB file, no warm-up), BENCH_WORK (bench/work),
# BENCH_ONLY (any of "pack check push overhead delta", default all), BENCH_THROTTLE_MBIT (100: the test server's
# link in the delta part), BENCH_SKIP_BUILD=1 (use the plugin already
# installed in ~/.m2 and the compiled test server), BENCH_KEEP=1 (keep the generated trees for a re-run).
# Needs: a JDK 17, zip, tar, curl, python3, GNU time (/usr/bin/time). Prints the tables and writes
# bench/RESULTS.md.
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
SCALE=${BENCH_SCALE:-1}
RUNS=${BENCH_RUNS:-5}
BIG_RUNS=${BENCH_BIG_RUNS:-3}
WORK=${BENCH_WORK:-$BENCH/work}
ALL_PARTS="pack check push overhead delta"
ONLY=${BENCH_ONLY:-$ALL_PARTS}
THROTTLE_MBIT=${BENCH_THROTTLE_MBIT:-100}
export BENCH_THROTTLE_MBIT=$THROTTLE_MBIT
PLUGIN=io.github.octomvn:octopus-maven-plugin:0.1.0-SNAPSHOT
API_KEY=API-TESTKEY
RESULTS=$WORK/results.tsv
LOGS=$WORK/logs
STAMPS="-Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS"

for tool in zip tar curl python3 java; do
    command -v "$tool" >/dev/null || { echo "bench: needs $tool on the PATH" >&2; exit 1; }
done
/usr/bin/time -f '%M %U %S' true 2>/dev/null || { echo "bench: needs GNU time as /usr/bin/time" >&2; exit 1; }

wants() { [[ " $ONLY " == *" $1 "* ]]; }
say() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

mkdir -p "$WORK" "$LOGS"
rm -f "$RESULTS" "$LOGS"/*

# --------------------------------------------------------------------------------------------- build

cd "$ROOT"
if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
    say "installing the plugin and compiling the test server"
    ./mvnw -B -q -o install -DskipTests -Dinvoker.skip -Dspotless.check.skip \
        || ./mvnw -B -q install -DskipTests -Dinvoker.skip -Dspotless.check.skip
    ./mvnw -B -q -o test-compile -Dspotless.check.skip
fi
if [[ ! -s "$WORK/test-classpath" || pom.xml -nt "$WORK/test-classpath" ]]; then
    ./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile="$WORK/test-classpath" -Dmdep.includeScope=test
fi
MAVEN_HOME=$(./mvnw -v | sed -n 's/^Maven home: //p')
MVN=$MAVEN_HOME/bin/mvn
[[ -x "$MVN" ]] || { echo "bench: cannot find the wrapper's Maven (got '$MAVEN_HOME')" >&2; exit 1; }

{
    echo "- Date: $(date -u +'%Y-%m-%d %H:%M UTC'); scale $SCALE; $RUNS measured runs after a warm-up ($BIG_RUNS, no warm-up, for packing (c))"
    echo "- CPU: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1); RAM $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
    echo "- OS: $(uname -sr); disk of bench/work: $(df -h "$WORK" | awk 'NR==2 {print $1}')"
    echo "- JDK: $(java -version 2>&1 | head -1)"
    echo "- Maven: $("$MVN" -v | head -1 | sed 's/ (.*//') (the wrapper's); zip $(zip -v | sed -n 's/^This is Zip \([^ ]*\).*/\1/p'); $(tar --version | head -1); $(curl --version | head -1 | cut -d' ' -f1-2)"
    echo "- Load before: $(uptime | sed 's/.*load average/load average/')"
} > "$WORK/machine.txt"

# ------------------------------------------------------------------------------------------- helpers

WALL_MS=0
RSS_KB=0
CPU_MS=0
# measure LOG COMMAND...: runs it, sets WALL_MS, RSS_KB (peak RSS of the process) and CPU_MS (user +
# system time: on a machine shared with other work, the figure that load disturbs least); fails loudly.
measure() {
    local log=$1 t0 t1 rc=0
    shift
    t0=$(date +%s%N)
    /usr/bin/time -f '%M %U %S' -o "$WORK/rss" "$@" >"$log" 2>&1 || rc=$?
    t1=$(date +%s%N)
    if [[ $rc -ne 0 ]]; then
        echo "bench: failed (exit $rc): $*" >&2
        tail -30 "$log" >&2
        exit 1
    fi
    WALL_MS=$(((t1 - t0) / 1000000))
    read -r RSS_KB user sys <<<"$(tail -1 "$WORK/rss")"
    CPU_MS=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d", (u + s) * 1000 }')
}
# record SCENARIO TOOL RUN [INNER SIZE GC]
record() {
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$WALL_MS" "$RSS_KB" "${4:-}" "${5:-}" "${6:-}" \
        "$CPU_MS" >>"$RESULTS"
    printf '  %-10s %-13s run %s: %6d ms, %6d ms CPU, %7d KB RSS %s\n' "$1" "$2" "$3" "$WALL_MS" "$CPU_MS" "$RSS_KB" \
        "${4:+inner $4}" >&2
}
# start_server [OPTION...]: the project's test server on a fresh storage $WORK/server, URL in $URL; it stops
# when its stdin (fd 3) closes.
start_server() {
    rm -rf "$WORK/server"
    mkdir -p "$WORK/server"
    rm -f "$WORK/server.in"
    mkfifo "$WORK/server.in"
    java -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$WORK/test-classpath")" \
        io.github.octomvn.octopus.testserver.OctopusTestServer --api-key "$API_KEY" --storage "$WORK/server" "$@" \
        <"$WORK/server.in" >"$LOGS/server.log" 2>&1 &
    SERVER_PID=$!
    exec 3>"$WORK/server.in"
    URL=
    for _ in $(seq 100); do
        URL=$(sed -n 's/^url=//p' "$LOGS/server.log")
        [[ -n "$URL" ]] && break
        sleep 0.2
    done
    [[ -n "$URL" ]] || { echo "bench: the test server did not start" >&2; cat "$LOGS/server.log" >&2; exit 1; }
    URL=${URL%/}
}
# A project of its own, so that Maven does not pick up the .mvn of the checkout around it.
isolate() { mkdir -p "$1/.mvn"; }

SERVER_PID=
stop_server() {
    if [[ -n "$SERVER_PID" ]]; then
        exec 3>&- || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=
    fi
}
cleanup() {
    stop_server
    if [[ "${BENCH_KEEP:-}" != 1 ]]; then
        rm -rf "$WORK/trees" "$WORK/pkgs" "$WORK/push" "$WORK/server" "$WORK/out" "$PROJ/target" "$WORK/hello-service" "$WORK/hello-plain" \
            "$WORK/check" \
            "$WORK/dtrees" "$WORK/dpkgs" "$WORK/dpush" "$WORK/deltaproj/target"
    fi
}
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------- pack

if wants pack || wants check || wants push || wants delta; then
    say "generating the input trees (scale $SCALE)"
    python3 "$BENCH/gen.py" "$WORK" "$SCALE"
fi

PROJ=$WORK/packproj
OUT=$WORK/out
mkdir -p "$OUT" "$WORK/pkgs"
isolate "$PROJ"
cat >"$PROJ/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <!-- Generated by bench/run.sh: packs the tree that -Doctopus.scriptsDirectory names. -->
  <groupId>bench</groupId>
  <artifactId>bench</artifactId>
  <version>1.0.0</version>
  <packaging>pom</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>io.github.octomvn</groupId>
        <artifactId>octopus-maven-plugin</artifactId>
        <version>0.1.0-SNAPSHOT</version>
        <executions><execution><goals><goal>pack</goal></goals></execution></executions>
      </plugin>
    </plugins>
  </build>
</project>
POM

# octopus_pack TREE ID FORMAT [-Doctopus.skip]
octopus_pack() {
    rm -rf "$PROJ/target"
    MAVEN_OPTS="$STAMPS" measure "$LOGS/pack-$1-$3.log" "$MVN" -B -o -f "$PROJ/pom.xml" package \
        -Doctopus.packageId="$2" -Doctopus.version=1.0.0 -Doctopus.formats="$3" \
        -Doctopus.scriptsDirectory="$WORK/trees/$1" "${@:4}"
}

# pack_tree TREE ID RUNS FIRST: FIRST=0 makes run 0 a warm-up, which the report leaves out.
pack_tree() {
    local tree=$1 id=$2 runs=$3 first=$4 run src=$WORK/trees/$1
    for ((run = first; run <= runs; run++)); do
        rm -f "$OUT"/*
        measure "$LOGS/pack-$tree-zip-std.log" env -C "$src" zip -q -r -6 "$OUT/$tree.zip" .
        record "$tree" zip "$run" "" "$(stat -c %s "$OUT/$tree.zip")"
        measure "$LOGS/pack-$tree-tar-std.log" tar czf "$OUT/$tree.tar.gz" -C "$src" .
        record "$tree" tar "$run" "" "$(stat -c %s "$OUT/$tree.tar.gz")"
        rm -f "$OUT"/*
        octopus_pack "$tree" "$id" zip
        record "$tree" octopus-zip "$run" "$(python3 "$BENCH/stats.py" goal-ms "$LOGS/pack-$tree-zip.log" pack)" \
            "$(stat -c %s "$PROJ/target/octopus/$id.1.0.0.zip")"
        octopus_pack "$tree" "$id" tar.gz
        record "$tree" octopus-tgz "$run" "$(python3 "$BENCH/stats.py" goal-ms "$LOGS/pack-$tree-tar.gz.log" pack)" \
            "$(stat -c %s "$PROJ/target/octopus/$id.1.0.0.tar.gz")"
        octopus_pack "$tree" "$id" zip -Doctopus.skip
        record "$tree" mvn-skip "$run"
    done
    rm -f "$OUT"/*
}

if wants pack || wants check || wants push || wants delta; then
    say "pack: warming up Maven and the plugin"
    rm -rf "$PROJ/target"
    MAVEN_OPTS="$STAMPS" "$MVN" -B -q -f "$PROJ/pom.xml" package -Doctopus.packageId=Bench.App \
        -Doctopus.version=1.0.0 -Doctopus.scriptsDirectory="$WORK/trees/app" >"$LOGS/warmup.log" 2>&1 \
        || { tail -30 "$LOGS/warmup.log" >&2; exit 1; }
fi
if wants pack; then
    say "pack (a) app";  pack_tree app Bench.App "$RUNS" 0
    say "pack (b) web";  pack_tree web Bench.Web "$RUNS" 0
    # 1 GiB through four archivers takes ~2 minutes a round on 2 cores, so fewer rounds keep the whole run
    # under ~25 minutes; Maven, the plugin and the page cache are warm from (a) and (b) by now.
    say "pack (c) big";  pack_tree big Bench.Big "$BIG_RUNS" 1
fi

# --------------------------------------------------------------------------------------------- check

# Issue 14's check users would run themselves: `mvn package` that packs with the plugin, against the same
# `mvn package` without it (-Doctopus.skip) followed by `zip -r -6` of the same output, end to end, on (d): 2,000
# text files and 60 MB of random files.
if wants check; then
    say "check: mvn package with pack against mvn package + zip -r -6, tree (d)"
    rm -rf "$WORK/check"
    mkdir -p "$WORK/check"
    for ((run = 0; run <= RUNS; run++)); do
        rm -rf "$PROJ/target"
        measure "$LOGS/check-pack.log" "$MVN" -B -o -f "$PROJ/pom.xml" package -Doctopus.packageId=Bench.Check \
            -Doctopus.version=1.0.0 -Doctopus.formats=zip -Doctopus.scriptsDirectory="$WORK/trees/check"
        record check octopus-pack "$run" "" "$(stat -c %s "$PROJ/target/octopus/Bench.Check.1.0.0.zip")"
        rm -rf "$PROJ/target" "$WORK/check/check.zip"
        measure "$LOGS/check-zip.log" bash -c '"$1" -B -o -f "$2" package -Doctopus.skip && cd "$3" && zip -q -r -6 "$4" .' \
            check "$MVN" "$PROJ/pom.xml" "$WORK/trees/check" "$WORK/check/check.zip"
        record check mvn-zip "$run" "" "$(stat -c %s "$WORK/check/check.zip")"
    done
    rm -rf "$PROJ/target" "$WORK/check"
fi

# ---------------------------------------------------------------------------------------------- push


if wants push; then
    say "push: starting the test server"
    rm -rf "$WORK/push"
    mkdir -p "$WORK/push"
    isolate "$WORK/push"
    start_server
    say "push: server at $URL"

    # Every measured push must really send its bytes: a new version each time, packed first (not measured)
    # in a project of its own, and pushed by hand from it as `mvn package` then `mvn octopus:push` would: the
    # push sends what the pack manifest lists and takes its SHA-1 from it, as `mvn deploy` does. curl sends
    # the same file under another version. The stored copies are removed after each push so that the disk
    # does not fill up. Delta compression is off: this part compares full uploads with curl.
    PUSHPROJ=$WORK/push
    cp "$PROJ/pom.xml" "$PUSHPROJ/pom.xml"
    push_pkg() {
        local tree=$1 id=$2 runs=$3 run pkg size
        for ((run = 0; run <= runs; run++)); do
            rm -rf "$PUSHPROJ/target"
            "$MVN" -B -q -o -f "$PUSHPROJ/pom.xml" package -Doctopus.packageId="$id" -Doctopus.version="1.0.$run" \
                -Doctopus.formats=zip -Doctopus.scriptsDirectory="$WORK/trees/$tree" >"$LOGS/push-pack.log" 2>&1 \
                || { tail -30 "$LOGS/push-pack.log" >&2; exit 1; }
            pkg=$PUSHPROJ/target/octopus/$id.1.0.$run.zip
            size=$(stat -c %s "$pkg")
            measure "$LOGS/push-$tree-curl.log" curl -sS --fail-with-body -o /dev/null \
                -H "X-Octopus-ApiKey: $API_KEY" -F "file=@$pkg;filename=$id.2.0.$run.zip" \
                "$URL/api/Spaces-1/packages/raw?overwriteMode=OverwriteExisting"
            record "push-$tree" curl "$run" "" "$size"
            rm -f "$WORK/server"/*/"$id".2.0.$run.zip

            OCTOPUS_API_KEY=$API_KEY MAVEN_OPTS="-Xmx128m -Xlog:gc,gc+heap+exit:file=$LOGS/push-$tree-gc.log $STAMPS" \
                measure "$LOGS/push-$tree-octopus.log" "$MVN" -B -f "$PUSHPROJ/pom.xml" "$PLUGIN:push" \
                -Doctopus.serverUrl="$URL" -Doctopus.deltaCompression=false
            record "push-$tree" octopus-push "$run" "$(python3 "$BENCH/stats.py" upload-s "$LOGS/push-$tree-octopus.log")" \
                "$size" "$(python3 "$BENCH/stats.py" gc-peak-mb "$LOGS/push-$tree-gc.log")"
            rm -f "$WORK/server"/*/"$id".1.0.$run.zip
            # Maven's start for the same command: everything but the push itself
            OCTOPUS_API_KEY=$API_KEY MAVEN_OPTS="-Xmx128m $STAMPS" \
                measure "$LOGS/push-$tree-skip.log" "$MVN" -B -f "$PUSHPROJ/pom.xml" "$PLUGIN:push" \
                -Doctopus.serverUrl="$URL" -Doctopus.skip
            record "push-$tree" mvn-skip "$run"
        done
        rm -rf "$PUSHPROJ/target"
    }
    say "push (a) app package"; push_pkg app Bench.App "$RUNS"
    say "push (c) big package"; push_pkg big Bench.Big "$RUNS"
    stop_server
fi

# ------------------------------------------------------------------------------------------ overhead

if wants overhead; then
    say "overhead: mvn clean package of examples/hello-service, with and without the plugin"
    rm -rf "$WORK/hello-service"
    cp -r "$ROOT/examples/hello-service" "$WORK/hello-service"
    rm -rf "$WORK/hello-service/target"
    isolate "$WORK/hello-service"
    HELLO=$WORK/hello-service/pom.xml
    # Online once, so that the offline runs find every plugin of the default lifecycle.
    "$MVN" -B -q -f "$HELLO" clean package >"$LOGS/overhead-warmup.log" 2>&1 \
        || { tail -30 "$LOGS/overhead-warmup.log" >&2; exit 1; }
    # -Doctopus.skip still loads the plugin (its class realm, its Mojo); a copy of the pom without the
    # plugin shows what that loading costs.
    rm -rf "$WORK/hello-plain"
    cp -r "$WORK/hello-service" "$WORK/hello-plain"
    python3 "$BENCH/stats.py" strip-plugin "$HELLO" >"$WORK/hello-plain/pom.xml"
    PLAIN=$WORK/hello-plain/pom.xml
    "$MVN" -B -q -o -f "$PLAIN" clean package >"$LOGS/overhead-warmup.log" 2>&1 \
        || { tail -30 "$LOGS/overhead-warmup.log" >&2; exit 1; }
    for ((run = 0; run <= RUNS; run++)); do
        MAVEN_OPTS="$STAMPS" measure "$LOGS/overhead.log" "$MVN" -B -o -f "$HELLO" clean package
        record overhead package "$run" "$(python3 "$BENCH/stats.py" goal-ms "$LOGS/overhead.log" pack)"
        MAVEN_OPTS="$STAMPS" measure "$LOGS/overhead-skip.log" "$MVN" -B -o -f "$HELLO" clean package -Doctopus.skip
        record overhead package-skip "$run" "$(python3 "$BENCH/stats.py" goal-ms "$LOGS/overhead-skip.log" pack)"
        MAVEN_OPTS="$STAMPS" measure "$LOGS/overhead-plain.log" "$MVN" -B -o -f "$PLAIN" clean package
        record overhead package-plain "$run"
    done
fi

# --------------------------------------------------------------------------------------------- delta

# Issue 13: version 1.0.0 of a package is on the server, 1.0.1 is the same tree with one file changed, and
# octopus:push sends 1.0.1 as a delta (the push report says how many bytes) or in full. The test server's
# link is throttled to BENCH_THROTTLE_MBIT in each direction for the whole part.
if wants delta; then
    DPROJ=$WORK/deltaproj
    isolate "$DPROJ"
    # The same project, made reproducible: unchanged entries are byte-identical between the two versions.
    sed 's|<packaging>pom</packaging>|&\n  <properties><project.build.outputTimestamp>2026-01-01T00:00:00Z</project.build.outputTimestamp></properties>|' \
        "$PROJ/pom.xml" >"$DPROJ/pom.xml"
    rm -rf "$WORK/dtrees" "$WORK/dpkgs" "$WORK/dpush" "$WORK/delta-reasons.tsv"
    mkdir -p "$WORK/dtrees" "$WORK/dpkgs" "$WORK/dpush"
    isolate "$WORK/dpush"

    say "delta: the trees with one file changed"
    # changed_copy TREE REL: a hard-linked copy of the tree in dtrees/ whose REL is a new, edited file
    changed_copy() {
        local dst=$WORK/dtrees/$1
        cp -al "$WORK/trees/$1" "$dst"
        { cat "$WORK/trees/$1/$2"; printf '\n/* changed by bench/run.sh */\n'; } >"$dst/$2.new"
        mv -f "$dst/$2.new" "$dst/$2"
    }
    # (a): a config file. (b): the first file in the archives' (sorted) order, the worst case for a tar.gz,
    # whose compressed stream differs from the change on. (c): its only file, 4 KiB overwritten in the middle.
    changed_copy app config/application.yml
    WEB_CHANGED=$(cd "$WORK/trees/web" && find . -type f | sed 's|^\./||' | LC_ALL=C sort | sed -n 1p)
    changed_copy web "$WEB_CHANGED"
    mkdir -p "$WORK/dtrees/big"
    cp "$WORK/trees/big/data.bin" "$WORK/dtrees/big/data.bin"
    BIG_SIZE=$(stat -c %s "$WORK/dtrees/big/data.bin")
    python3 -c 'import sys; f = open(sys.argv[1], "r+b"); f.seek(int(sys.argv[2])); f.write((b"changed by bench/run.sh " * 200)[:4096])' \
        "$WORK/dtrees/big/data.bin" $((BIG_SIZE / 2 / 4096 * 4096))

    # delta_pack DIR ID VERSION FORMAT: a reproducible package in dpkgs/
    delta_pack() {
        rm -rf "$DPROJ/target"
        "$MVN" -B -q -o -f "$DPROJ/pom.xml" package -Doctopus.packageId="$2" -Doctopus.version="$3" \
            -Doctopus.formats="$4" -Doctopus.scriptsDirectory="$1" >"$LOGS/delta-pack.log" 2>&1 \
            || { tail -30 "$LOGS/delta-pack.log" >&2; exit 1; }
        mv "$DPROJ/target/octopus/$2.$3.$4" "$WORK/dpkgs/"
    }
    say "delta: packing versions 1.0.0 and 1.0.1"
    for t in app:Bench.App:zip web:Bench.Web:zip big:Bench.Big:zip web:Bench.WebTgz:tar.gz; do
        IFS=: read -r tree id format <<<"$t"
        delta_pack "$WORK/trees/$tree" "$id" 1.0.0 "$format"
        delta_pack "$WORK/dtrees/$tree" "$id" 1.0.1 "$format"
    done

    say "delta: starting the test server, throttled to $THROTTLE_MBIT Mbit/s, with version 1.0.0 of every package"
    # The bases are put into the feed as if pushed earlier (--seed): pushing the 1 GiB one through the throttled
    # link alone would take ~90 s, and only the pushes of 1.0.1 are measured.
    start_server --throttle-mbit "$THROTTLE_MBIT" \
        --seed "$WORK/dpkgs/Bench.App.1.0.0.zip" --seed "$WORK/dpkgs/Bench.Web.1.0.0.zip" \
        --seed "$WORK/dpkgs/Bench.Big.1.0.0.zip" --seed "$WORK/dpkgs/Bench.WebTgz.1.0.0.tar.gz"
    say "delta: server at $URL"
    echo "- Delta part: the test server's link throttled to $THROTTLE_MBIT Mbit/s each way (token bucket)" >>"$WORK/machine.txt"
    # delta_push LOG FILE [-D…]: octopus:push of one package of dpkgs/, measured; DBYTES, FBYTES and REASON
    # come from its push-report.json (delta bytes, or empty and the reason the full file went).
    delta_push() {
        local log=$1 file=$2
        shift 2
        ln -f "$WORK/dpkgs/$file" "$WORK/dpush/$file"
        rm -f "$WORK/dpush/target/octopus/push-report.json"
        OCTOPUS_API_KEY=$API_KEY MAVEN_OPTS="-Xmx128m -Xlog:gc,gc+heap+exit:file=$LOGS/$log-gc.log $STAMPS" \
            measure "$LOGS/$log.log" env -C "$WORK/dpush" "$MVN" -B "$PLUGIN:push" \
            -Doctopus.serverUrl="$URL" -Doctopus.packages="$file" "$@"
        IFS=$'\t' read -r DBYTES FBYTES REASON \
            <<<"$(python3 "$BENCH/stats.py" delta-report "$WORK/dpush/target/octopus/push-report.json")"
        [[ "$DBYTES" != - ]] || DBYTES=
        [[ "$FBYTES" != - ]] || FBYTES=
        [[ "$REASON" != - ]] || REASON=
        rm -f "$WORK/dpush/$file"
    }
    # unstore FILE: the server forgets a version (Octopus's DELETE of a package), so that the next push sends it
    # again
    unstore() {
        local name=${1%.zip}
        curl -sS --fail-with-body -o /dev/null -X DELETE -H "X-Octopus-ApiKey: $API_KEY" \
            "$URL/api/Spaces-1/packages/packages-${name%.tar.gz}"
    }
    # note SCENARIO: keeps the reason a full file went instead of a delta, for the report
    note() { [[ -z "$REASON" ]] || printf '%s\t%s\n' "$1" "$REASON" >>"$WORK/delta-reasons.tsv"; }

    say "delta (i): (a) and (b) zip, one file changed"
    for t in app:Bench.App web:Bench.Web; do
        tree=${t%%:*} id=${t#*:}
        for ((run = 0; run <= RUNS; run++)); do
            delta_push "delta-$tree" "$id.1.0.1.zip"
            record "delta-$tree" delta "$run" "$DBYTES" "$FBYTES" "$(python3 "$BENCH/stats.py" gc-peak-mb "$LOGS/delta-$tree-gc.log")"
            note "delta-$tree"
            unstore "$id.1.0.1.zip"
        done
    done

    say "delta (ii): (c) 1 GiB zip, one file changed, delta against a full upload at $THROTTLE_MBIT Mbit/s"
    for ((run = 1; run <= BIG_RUNS; run++)); do
        delta_push delta-big Bench.Big.1.0.1.zip
        record delta-big delta "$run" "$DBYTES" "$FBYTES" "$(python3 "$BENCH/stats.py" gc-peak-mb "$LOGS/delta-big-gc.log")"
        note delta-big
        unstore Bench.Big.1.0.1.zip
        delta_push delta-big-full Bench.Big.1.0.1.zip -Doctopus.deltaCompression=false
        record delta-big full "$run" "" "$FBYTES" "$(python3 "$BENCH/stats.py" gc-peak-mb "$LOGS/delta-big-full-gc.log")"
        unstore Bench.Big.1.0.1.zip
    done

    say "delta (iii): building the delta of (c) against one sha1sum pass"
    for ((run = 1; run <= BIG_RUNS; run++)); do
        measure "$LOGS/delta-sha1sum.log" sha1sum "$WORK/dpkgs/Bench.Big.1.0.1.zip"
        record deltabuild sha1sum "$run" "" "$(stat -c %s "$WORK/dpkgs/Bench.Big.1.0.1.zip")"
        measure "$LOGS/delta-build.log" java -Xmx512m -cp "$ROOT/target/test-classes:$ROOT/target/classes" \
            io.github.octomvn.octopus.delta.DeltaBench "$WORK/dpkgs/Bench.Big.1.0.0.zip" \
            "$WORK/dpkgs/Bench.Big.1.0.1.zip" "$WORK/dpkgs"
        # The process's figures are JVM start + signature + delta + a SHA-1 pass: keep the parts it timed itself.
        declare -A part=()
        for kv in $(tail -1 "$LOGS/delta-build.log"); do part[${kv%%=*}]=${kv#*=}; done
        process_ms=$WALL_MS
        WALL_MS=${part[delta_ms]} CPU_MS=${part[delta_cpu_ms]}
        record deltabuild delta-builder "$run" "$process_ms" "${part[delta_bytes]}"
        WALL_MS=${part[java_sha1_ms]} CPU_MS=
        record deltabuild java-sha1 "$run"
        WALL_MS=${part[sig_ms]}
        record deltabuild signature "$run"
        WALL_MS=${part[parallel_sig_ms]}
        record deltabuild parallel-signature "$run"
        WALL_MS=${part[apply_ms]}
        record deltabuild apply "$run"
        unset part
    done

    say "delta (iv): (b) as tar.gz, one file changed, delta on against a full upload"
    for ((run = 0; run <= RUNS; run++)); do
        delta_push delta-tgz Bench.WebTgz.1.0.1.tar.gz
        record delta-tgz delta "$run" "$DBYTES" "$FBYTES"
        note delta-tgz
        unstore Bench.WebTgz.1.0.1.tar.gz
        delta_push delta-tgz-full Bench.WebTgz.1.0.1.tar.gz -Doctopus.deltaCompression=false
        record delta-tgz full "$run" "" "$FBYTES"
        unstore Bench.WebTgz.1.0.1.tar.gz
    done
    stop_server
fi

# ---------------------------------------------------------------------------------------------- report

echo "- Load after: $(uptime | sed 's/.*load average/load average/')" >>"$WORK/machine.txt"
{
    echo "# Benchmark results (issues 6 and 13)"
    echo
    echo "Made by \`bench/run.sh\`${BENCH_SCALE:+ with BENCH_SCALE=$SCALE}; see bench/README.md for what is measured and how."
    echo
    python3 "$BENCH/stats.py" report "$RESULTS" "$WORK/machine.txt"
} >"$WORK/RESULTS.md"
cat "$WORK/RESULTS.md"
if [[ "$SCALE" == 1 && "$ONLY" == "$ALL_PARTS" ]]; then
    cp "$WORK/RESULTS.md" "$BENCH/RESULTS.md"
    say "wrote bench/RESULTS.md"
else
    say "a partial or scaled run: left in $WORK/RESULTS.md (bench/RESULTS.md is for full runs)"
fi
