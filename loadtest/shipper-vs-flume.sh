#!/usr/bin/env bash
# Apache Flume and the log shipper side by side (issue 15): the same generated bid-log files, each program alone on
# one core (taskset), from start until every record is out. Prints records/s, CPU seconds per million records and
# peak resident memory for each, and their ratios; writes them to $RESULTS_DIR/summary.txt. Nothing leaves the
# machine: Flume spools a directory into a file channel and rolls files into a directory (spooldir, file channel,
# file_roll), the shipper reads a directory and writes gzip objects into another (SINK=dir). Every program it
# starts is stopped on every way out, each run is bounded by TIMEOUT_S, and the scratch directory is removed.
set -euo pipefail

usage() {
    cat >&2 <<EOF
usage: loadtest/shipper-vs-flume.sh [flume|shipper|both]   (default both)

  LINES ($DEFAULT_LINES) bid-log lines in FILES ($DEFAULT_FILES) ready files, written by loadtest bid-log-files, are
  copied to each program's input directory (page cache) before it starts. Each runs pinned to CPU ($DEFAULT_CPU),
  for at most TIMEOUT_S ($DEFAULT_TIMEOUT_S) seconds. CPU seconds are the process's utime + stime, with those of
  the children it waited for (/proc/PID/stat), and peak RSS its VmHWM (/proc/PID/status), both read the moment
  the last record is out; wall time runs from the start of the JVM, so it includes start-up.

  Flume $FLUME_VERSION comes from Maven Central through ./mvnw dependency:copy-dependencies into FLUME_CACHE
  (~/.cache/fargate-dsp/flume-$FLUME_VERSION), once. FLUME_JAVA_OPTS ($DEFAULT_FLUME_JAVA_OPTS), FLUME_BATCH
  ($DEFAULT_FLUME_BATCH events per source batch, channel transaction and sink batch).

  The shipper runs as SHIPPER_CMD (java \$SHIPPER_JAVA_OPTS -jar \$SHIPPER_JAR, the jar
  ./mvnw -pl sidecars/log-shipper -am package builds) with its input, state and output directories and sink in
  the variables named by SHIPPER_DIR_VAR ($DEFAULT_SHIPPER_DIR_VAR), SHIPPER_STATE_VAR ($DEFAULT_SHIPPER_STATE_VAR), SHIPPER_OUT_VAR
  ($DEFAULT_SHIPPER_OUT_VAR) and SINK=\$SHIPPER_SINK ($DEFAULT_SHIPPER_SINK); SHIPPER_JAVA_OPTS defaults to the JAVA_TOOL_OPTIONS of the
  log-shipper container in task-definitions/bidder.json. It is done when no ready file is left in its input
  directory; then every line read must be in its output exactly once. SHIPPER_SINK=s3 ships into moto's S3
  server instead (python3 -m moto.server, pinned to MOTO_CPU ($DEFAULT_MOTO_CPU), bucket $S3_BENCH_BUCKET, through
  AWS_ENDPOINT_URL), and the objects are read back from it for that check.

Exit codes: 0 done, 1 a program failed, timed out or lost records, 2 bad usage or setup, 3 the shipper is not built
(SHIPPER_JAR is not built), so only Flume was measured.
EOF
    exit 2
}

DEFAULT_LINES=2000000 DEFAULT_FILES=10 DEFAULT_CPU=1 DEFAULT_TIMEOUT_S=900
DEFAULT_FLUME_JAVA_OPTS="-Xmx256m" DEFAULT_FLUME_BATCH=1000
DEFAULT_SHIPPER_MAIN=org.fargatedsp.shipper.ShipperMain
DEFAULT_SHIPPER_DIR_VAR=BID_LOG_DIR DEFAULT_SHIPPER_STATE_VAR=SHIPPER_STATE_DIR
DEFAULT_SHIPPER_OUT_VAR=SHIPPER_OUTPUT_DIR DEFAULT_SHIPPER_SINK=dir DEFAULT_MOTO_CPU=0
S3_BENCH_BUCKET=shipper-bench
FLUME_VERSION=1.11.0
# Flume's distribution ships Log4j 2 as its logging; this is the first release without the JNDI lookups.
LOG4J_VERSION=2.18.0

[[ $# -le 1 ]] || usage
WHICH=${1:-both}
case "$WHICH" in flume | shipper | both) ;; *) usage ;; esac

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
LINES=${LINES:-$DEFAULT_LINES}
FILES=${FILES:-$DEFAULT_FILES}
CPU=${CPU:-$DEFAULT_CPU}
TIMEOUT_S=${TIMEOUT_S:-$DEFAULT_TIMEOUT_S}
STOP_TIMEOUT_S=${STOP_TIMEOUT_S:-30}
LOADTEST_JAR=${LOADTEST_JAR:-$ROOT/loadtest/target/loadtest.jar}
FLUME_CACHE=${FLUME_CACHE:-$HOME/.cache/fargate-dsp/flume-$FLUME_VERSION}
FLUME_JAVA_OPTS=${FLUME_JAVA_OPTS:-$DEFAULT_FLUME_JAVA_OPTS}
FLUME_BATCH=${FLUME_BATCH:-$DEFAULT_FLUME_BATCH}
SHIPPER_JAR=${SHIPPER_JAR:-$ROOT/sidecars/log-shipper/target/log-shipper.jar}
# The container's own JVM flags, so the figures are those of the task definition.
DEFAULT_SHIPPER_JAVA_OPTS=$(python3 -c 'import json, sys
for c in json.load(sys.stdin)["containerDefinitions"]:
    for e in c.get("environment", []):
        if c["name"] == "log-shipper" and e["name"] == "JAVA_TOOL_OPTIONS": print(e["value"])' \
    <"$ROOT/task-definitions/bidder.json")
SHIPPER_JAVA_OPTS=${SHIPPER_JAVA_OPTS:-$DEFAULT_SHIPPER_JAVA_OPTS}
SHIPPER_CMD=${SHIPPER_CMD:-java $SHIPPER_JAVA_OPTS -jar $SHIPPER_JAR}
SHIPPER_DIR_VAR=${SHIPPER_DIR_VAR:-$DEFAULT_SHIPPER_DIR_VAR}
SHIPPER_STATE_VAR=${SHIPPER_STATE_VAR:-$DEFAULT_SHIPPER_STATE_VAR}
SHIPPER_OUT_VAR=${SHIPPER_OUT_VAR:-$DEFAULT_SHIPPER_OUT_VAR}
SHIPPER_SINK=${SHIPPER_SINK:-$DEFAULT_SHIPPER_SINK}
MOTO_CPU=${MOTO_CPU:-$DEFAULT_MOTO_CPU}
MOTO_PID=''
MOTO_URL=''
case "$SHIPPER_SINK" in dir | s3) ;; *) log "SHIPPER_SINK is dir or s3, not $SHIPPER_SINK"; exit 2 ;; esac
RESULTS=${RESULTS_DIR:-$HERE/results/shipper-vs-flume-$(date +%Y%m%d-%H%M%S)}
TICKS=$(getconf CLK_TCK)

PIDS=()
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fargate-dsp-shipper-vs-flume.XXXXXX")

log() { printf '%s shipper-vs-flume.sh: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# shellcheck source=lib/processes.sh
source "$HERE/lib/processes.sh"

# Flume's jars, resolved once by Maven from Central into FLUME_CACHE/lib.
fetch_flume() {
    [[ -f $FLUME_CACHE/lib/.complete ]] && return 0
    log "fetching Flume $FLUME_VERSION into $FLUME_CACHE (./mvnw dependency:copy-dependencies)"
    mkdir -p "$FLUME_CACHE"
    cat >"$FLUME_CACHE/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.fargatedsp.bench</groupId>
  <artifactId>flume-classpath</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.flume</groupId><artifactId>flume-ng-node</artifactId><version>$FLUME_VERSION</version></dependency>
    <dependency><groupId>org.apache.flume.flume-ng-channels</groupId><artifactId>flume-file-channel</artifactId><version>$FLUME_VERSION</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>$LOG4J_VERSION</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>$LOG4J_VERSION</version></dependency>
  </dependencies>
</project>
EOF
    rm -rf "$FLUME_CACHE/lib"
    (cd "$ROOT" && ./mvnw -B -q -f "$FLUME_CACHE/pom.xml" dependency:copy-dependencies \
        -DoutputDirectory="$FLUME_CACHE/lib" -DincludeScope=runtime) || { log "cannot fetch Flume"; exit 2; }
    touch "$FLUME_CACHE/lib/.complete"
}

ensure_loadtest_jar() {
    if [[ ! -f $LOADTEST_JAR ]]; then
        log "building the loadtest jar (./mvnw -q -pl loadtest -am package -DskipTests)"
        (cd "$ROOT" && ./mvnw -q -B -pl loadtest -am package -DskipTests)
    fi
}

shipper_built() {
    [[ $SHIPPER_CMD != "java $SHIPPER_JAVA_OPTS -jar $SHIPPER_JAR" ]] && return 0
    # grep reads the whole listing: with -q it would stop early, and unzip's SIGPIPE would fail the pipe.
    [[ -f $SHIPPER_JAR ]] && unzip -Z1 "$SHIPPER_JAR" 2>/dev/null | grep -xF "${DEFAULT_SHIPPER_MAIN//.//}.class" >/dev/null
}

# utime + stime of the process and of the children it has waited for (a script shipper's gzip, say).
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$1/stat"; }
peak_rss_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }
now() { date +%s.%N; }
bytes_in() { find "$1" -type f -name "$2" -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }

# run_measured NAME DONE_CHECK COMMAND...: runs COMMAND on CPU in the background, polls DONE_CHECK every 100 ms,
# and when it succeeds records wall time, CPU time and peak RSS of the process in NAME.txt, then stops it.
run_measured() {
    local name=$1 done_check=$2 pid start deadline ticks rss wall
    shift 2
    (exec taskset -c "$CPU" "$@" >"$WORK/$name.log" 2>&1) &
    pid=$!
    PIDS+=("$pid")
    start=$(now)
    deadline=$(($(date +%s) + TIMEOUT_S))
    while ! "$done_check"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            log "$name exited before all records were out; its log:"
            tail -n 40 "$WORK/$name.log" >&2
            exit 1
        fi
        if (($(date +%s) >= deadline)); then
            log "$name did not finish within TIMEOUT_S=${TIMEOUT_S}s; its log:"
            tail -n 40 "$WORK/$name.log" >&2
            exit 1
        fi
        sleep 0.1
    done
    ticks=$(cpu_ticks "$pid")
    rss=$(peak_rss_kb "$pid")
    wall=$(awk -v a="$start" -v b="$(now)" 'BEGIN { print b - a }')
    stop_pid "$pid"
    PIDS=()
    cp "$WORK/$name.log" "$RESULTS/$name.log"
    awk -v n="$LINES" -v t="$ticks" -v hz="$TICKS" -v r="$rss" -v w="$wall" 'BEGIN {
        cpu = t / hz
        printf "wall_s=%.2f cpu_s=%.2f records_per_s=%.0f cpu_s_per_million=%.2f peak_rss_mb=%.0f\n",
            w, cpu, n / w, cpu / (n / 1000000), r / 1024 }' >"$RESULTS/$name.txt"
    log "$name: $(cat "$RESULTS/$name.txt")"
}

flume_done() { (($(bytes_in "$WORK/flume/out" '*') >= INPUT_BYTES)); }

run_flume() {
    local dir=$WORK/flume
    mkdir -p "$dir/in" "$dir/out" "$dir/checkpoint" "$dir/data" "$dir/conf"
    cp "$WORK/source/"bids-*.jsonl "$dir/in/"
    cat >"$dir/conf/flume.conf" <<EOF
agent.sources = spool
agent.channels = file
agent.sinks = roll

agent.sources.spool.type = spooldir
agent.sources.spool.channels = file
agent.sources.spool.spoolDir = $dir/in
agent.sources.spool.includePattern = ^bids-.*[.]jsonl\$
agent.sources.spool.deletePolicy = immediate
agent.sources.spool.batchSize = $FLUME_BATCH
agent.sources.spool.deserializer.maxLineLength = 65536

agent.channels.file.type = file
agent.channels.file.checkpointDir = $dir/checkpoint
agent.channels.file.dataDirs = $dir/data
agent.channels.file.transactionCapacity = $FLUME_BATCH

agent.sinks.roll.type = file_roll
agent.sinks.roll.channel = file
agent.sinks.roll.sink.directory = $dir/out
agent.sinks.roll.sink.rollInterval = 0
agent.sinks.roll.batchSize = $FLUME_BATCH
EOF
    cat >"$dir/conf/log4j2.xml" <<EOF
<Configuration status="warn">
  <Appenders><File name="file" fileName="$RESULTS/flume-agent.log"><PatternLayout pattern="%d %p %c: %m%n"/></File></Appenders>
  <Loggers><Root level="warn"><AppenderRef ref="file"/></Root></Loggers>
</Configuration>
EOF
    log "Flume $FLUME_VERSION: spooldir -> file channel -> file_roll, batches of $FLUME_BATCH, on CPU $CPU"
    # shellcheck disable=SC2086 # FLUME_JAVA_OPTS is a list of options
    run_measured flume flume_done java $FLUME_JAVA_OPTS -cp "$dir/conf:$FLUME_CACHE/lib/*" \
        org.apache.flume.node.Application -n agent -f "$dir/conf/flume.conf" --no-reload-conf
    local lines
    lines=$(cat "$dir/out/"* | wc -l)
    if ((lines != LINES)) || ! cmp -s <(cat "$WORK/source/"bids-*.jsonl) <(cat "$dir/out/"*); then
        log "Flume wrote $lines lines, not the $LINES lines read, in their order"
        exit 1
    fi
    log "Flume wrote every line, unchanged and in order"
}

# moto's S3 on a free port and its own CPU, with the bucket made; MOTO_URL is its endpoint.
start_moto() {
    local port waited=0
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    (exec taskset -c "$MOTO_CPU" python3 -m moto.server -H 127.0.0.1 -p "$port" >"$WORK/moto.log" 2>&1) &
    MOTO_PID=$!
    PIDS+=("$MOTO_PID")
    MOTO_URL=http://127.0.0.1:$port
    until curl -fsS -o /dev/null "$MOTO_URL/moto-api/"; do
        if ! kill -0 "$MOTO_PID" 2>/dev/null || ((waited >= 300)); then
            log "moto's server did not start (python3 -m moto.server): $(tail -n 5 "$WORK/moto.log")"
            exit 2
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
    s3_bench create
    log "moto's S3 at $MOTO_URL on CPU $MOTO_CPU, bucket $S3_BENCH_BUCKET"
}

# s3_bench create | fetch DIR: makes the bucket, or copies every object of it under DIR by its key.
s3_bench() {
    AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_DEFAULT_REGION=us-east-1 python3 - "$MOTO_URL" \
        "$S3_BENCH_BUCKET" "$@" <<'PY'
import os, sys
import boto3
url, bucket, action = sys.argv[1:4]
s3 = boto3.client("s3", endpoint_url=url)
if action == "create":
    s3.create_bucket(Bucket=bucket)
else:
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for o in page.get("Contents", []):
            path = os.path.join(sys.argv[4], o["Key"])
            os.makedirs(os.path.dirname(path), exist_ok=True)
            s3.download_file(bucket, o["Key"], path)
PY
}

shipper_done() { ! compgen -G "$WORK/shipper/in/bids-*.jsonl" >/dev/null; }

run_shipper() {
    local dir=$WORK/shipper argv lines bytes
    mkdir -p "$dir/in" "$dir/state" "$dir/out"
    cp "$WORK/source/"bids-*.jsonl "$dir/in/"
    read -r -a argv <<<"$SHIPPER_CMD"
    log "the shipper: $SHIPPER_CMD, SINK=$SHIPPER_SINK, on CPU $CPU"
    local sink_env=("$SHIPPER_OUT_VAR=$dir/out")
    if [[ $SHIPPER_SINK == s3 ]]; then
        start_moto
        sink_env=("S3_BUCKET=$S3_BENCH_BUCKET" "AWS_ENDPOINT_URL=$MOTO_URL" AWS_REGION=us-east-1
            AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench)
    fi
    run_measured shipper shipper_done env "$SHIPPER_DIR_VAR=$dir/in" "$SHIPPER_STATE_VAR=$dir/state" \
        "SINK=$SHIPPER_SINK" "${sink_env[@]}" "${argv[@]}"
    if [[ $SHIPPER_SINK == s3 ]]; then
        PIDS+=("$MOTO_PID")
        s3_bench fetch "$dir/out"
        stop_pid "$MOTO_PID"
        PIDS=()
    fi
    lines=$(find "$dir/out" -type f -name '*.jsonl.gz' -exec zcat {} + | wc -l)
    # Objects are per hour and per batch, not in file order: compare the sorted lines, duplicates included.
    if ((lines != LINES)) || ! cmp -s <(cat "$WORK/source/"bids-*.jsonl | LC_ALL=C sort) \
        <(find "$dir/out" -type f -name '*.jsonl.gz' -exec zcat {} + | LC_ALL=C sort); then
        log "the shipper wrote $lines lines, not each of the $LINES lines read exactly once"
        exit 1
    fi
    if [[ -s $dir/state/dead-letters.jsonl ]]; then
        log "the shipper dead-lettered lines of the generated files: $(head -c 300 "$dir/state/dead-letters.jsonl")"
        exit 1
    fi
    log "the shipper wrote every line exactly once ($(bytes_in "$dir/out" '*.jsonl.gz') bytes of gzip)"
}

field() { sed -n "s/.*$2=\([0-9.]*\).*/\1/p" "$RESULTS/$1.txt"; }

summary() {
    {
        printf '%s lines, %s bytes in %s files, each program pinned to CPU %s (%s)\n' "$LINES" "$INPUT_BYTES" \
            "$FILES" "$CPU" "$(uname -m), $(nproc) CPUs, $(java -version 2>&1 | head -n 1)"
        printf '%-14s %12s %14s %12s %9s %8s\n' program records/s "CPU s/1M rec" "peak RSS MB" "wall s" "CPU s"
        local name
        for name in flume shipper; do
            [[ -f $RESULTS/$name.txt ]] || continue
            printf '%-14s %12s %14s %12s %9s %8s\n' "$name" "$(field "$name" records_per_s)" \
                "$(field "$name" cpu_s_per_million)" "$(field "$name" peak_rss_mb)" "$(field "$name" wall_s)" \
                "$(field "$name" cpu_s)"
        done
        if [[ -f $RESULTS/flume.txt && -f $RESULTS/shipper.txt ]]; then
            awk -v fc="$(field flume cpu_s_per_million)" -v sc="$(field shipper cpu_s_per_million)" \
                -v fr="$(field flume records_per_s)" -v sr="$(field shipper records_per_s)" 'BEGIN {
                printf "ratio: Flume uses %.1fx the shipper'"'"'s CPU per record; the shipper moves %.1fx Flume'"'"'s records/s\n",
                    fc / sc, sr / fr }'
        fi
    } | tee "$RESULTS/summary.txt"
}

command -v taskset >/dev/null 2>&1 && taskset -c "$CPU" true 2>/dev/null || { log "taskset -c $CPU does not work here"; exit 2; }
mkdir -p "$RESULTS"
free_kb=$(df -Pk "$WORK" | awk 'NR == 2 { print $4 }')
if ((free_kb < LINES * 330 * 4 / 1024)); then
    log "$WORK has $((free_kb / 1024)) MiB free; LINES=$LINES needs about $((LINES * 330 * 4 / 1024 / 1024)) MiB"
    exit 2
fi
SHIPPER_MISSING=no
if [[ $WHICH != flume ]] && ! shipper_built; then
    log "$SHIPPER_JAR is not the shipper's jar: build it (./mvnw -pl sidecars/log-shipper -am package) or set SHIPPER_JAR / SHIPPER_CMD; measuring Flume only"
    SHIPPER_MISSING=yes
    [[ $WHICH == shipper ]] && exit 3
fi
[[ $WHICH != shipper ]] && fetch_flume
ensure_loadtest_jar
log "generating $LINES lines in $FILES files"
java -jar "$LOADTEST_JAR" bid-log-files --lines "$LINES" --files "$FILES" "$WORK/source" >&2
INPUT_BYTES=$(bytes_in "$WORK/source" 'bids-*.jsonl')
[[ $WHICH != shipper ]] && run_flume
[[ $WHICH != flume && $SHIPPER_MISSING == no ]] && run_shipper
summary
[[ $SHIPPER_MISSING == no ]] || exit 3
