#!/usr/bin/env bash
# Load-test scenarios for fargate-dsp: smoke, capacity, soak, compare (docs/loadtest.md).
# Each scenario starts the servers it needs pinned to one core (SERVER_CPU), the generator on another
# (GENERATOR_CPU), and stops everything it started on every way out. Results go to
# loadtest/results/<scenario>-<timestamp>/ unless RESULTS_DIR says otherwise. This script only starts, pins and
# stops processes; what their results mean the loadtest jar works out from their summary.json: the capacity search
# (loadtest capacity), the compare verdict (loadtest verdict), the soak's drift (loadtest soak-report) and what the
# bidder's bid log wrote (loadtest bid-log).
set -euo pipefail

# The scenarios' own defaults, each set here once. The variables that the jar's commands read pass through the
# environment, and the commands hold their defaults: the capacity search's (START_RATE, STEP_FACTOR, STEP,
# REFINE_STEPS, MAX_RATE, STEP_DURATION_S, STEP_WARMUP_S, P99_THRESHOLD_MS: java -jar loadtest/target/loadtest.jar
# capacity --help), MIN_RATIO (verdict --help) and STALL_S once stalls are measured (stalls --help). CONNECTIONS and
# TIMEOUT_MS become generator flags when set; unset, the generator's own defaults apply. An empty variable is unset.
DEFAULT_HEAP="-Xms512m -Xmx512m"
DEFAULT_SMOKE_RATE=200 DEFAULT_SMOKE_DURATION_S=30 DEFAULT_SMOKE_WARMUP_S=2
DEFAULT_SOAK_RATE=1000 DEFAULT_SOAK_DURATION_S=600 DEFAULT_SOAK_WARMUP_S=30 DEFAULT_SAMPLE_S=5
DEFAULT_COMPARE_SYNTHETIC_CAMPAIGNS=10000
DEFAULT_HALF_CHECK=1 DEFAULT_HALF_DURATION_S=60 DEFAULT_HALF_WARMUP_S=30 DEFAULT_HALF_P99_MS=1 DEFAULT_HALF_P999_MS=5

usage() {
    cat >&2 <<EOF
usage: loadtest/run.sh smoke|capacity|soak|compare

  smoke     RATE ($DEFAULT_SMOKE_RATE/s) for DURATION_S ($DEFAULT_SMOKE_DURATION_S) against the bidder on its default campaigns;
            fails on any 5xx, timeout or broken connection.
  capacity  steps the rate up from START_RATE, multiplying by STEP_FACTOR or adding STEP when set, then
            REFINE_STEPS bisections, until p99 passes P99_THRESHOLD_MS or errors appear; reports the highest
            rate that held. TARGET=bidder|baseline (bidder). The search's defaults: loadtest capacity --help.
  soak      RATE ($DEFAULT_SOAK_RATE/s) for SOAK_DURATION_S ($DEFAULT_SOAK_DURATION_S) in HEAP ($DEFAULT_HEAP); reports the drift
            of p99 per minute and of the old generation after GC (jstat every SAMPLE_S, $DEFAULT_SAMPLE_S s).
  compare   capacity of the baseline server and of the bidder (with SYNTHETIC_CAMPAIGNS=$DEFAULT_COMPARE_SYNTHETIC_CAMPAIGNS), both
            figures and their ratio against MIN_RATIO (loadtest verdict --help), then the bidder at half its
            capacity for HALF_DURATION_S ($DEFAULT_HALF_DURATION_S) after HALF_WARMUP_S ($DEFAULT_HALF_WARMUP_S) against HALF_P99_MS ($DEFAULT_HALF_P99_MS) and
            HALF_P999_MS ($DEFAULT_HALF_P999_MS), the baseline at the same rate, and the baseline at half its own capacity.

STALL_S (0, but for compare loadtest stalls' default) first measures how often the machine stalls each core
(loadtest stalls), the floor under every latency figure. KEEP_CPUS_AWAKE=1 keeps both cores from halting between
requests with SCHED_IDLE busy loops.

Servers are started as BIDDER_CMD / BASELINE_CMD with PORT=0, PORT_FILE, BID_LOG_DIR, DRAIN_MS=0 and
BID_LOG_MAX_DISK_BYTES (default: half the free space of the scratch directory, at most 16 GiB).
EOF
    exit 2
}

[[ $# -eq 1 ]] || usage
SCENARIO=$1
case "$SCENARIO" in smoke | capacity | soak | compare) ;; *) usage ;; esac

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
LOADTEST_JAR=${LOADTEST_JAR:-$ROOT/loadtest/target/loadtest.jar}
BIDDER_JAR=${BIDDER_JAR:-$ROOT/bidder/target/bidder.jar}
HEAP=${HEAP:-$DEFAULT_HEAP}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-$HEAP -XX:+AlwaysPreTouch}
GEN_JAVA_OPTS=${GEN_JAVA_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch}
# The bidder jar is only built when the default BIDDER_CMD needs it.
NEED_BIDDER_JAR=$([[ -z ${BIDDER_CMD:-} ]] && echo yes || echo no)
BIDDER_CMD=${BIDDER_CMD:-java $SERVER_JAVA_OPTS -jar $BIDDER_JAR}
BASELINE_CMD=${BASELINE_CMD:-java $SERVER_JAVA_OPTS -cp $LOADTEST_JAR org.fargatedsp.loadtest.baseline.BaselineMain}
SERVER_CPU=${SERVER_CPU:-0}
GENERATOR_CPU=${GENERATOR_CPU:-1}
READY_TIMEOUT_S=${READY_TIMEOUT_S:-90}
STOP_TIMEOUT_S=${STOP_TIMEOUT_S:-15}
JSTAT=${JSTAT:-jstat}
JCMD=${JCMD:-jcmd}
RESULTS=${RESULTS_DIR:-$HERE/results/$SCENARIO-$(date +%Y%m%d-%H%M%S)}

PIDS=()
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fargate-dsp-loadtest.XXXXXX")

log() { printf '%s run.sh %s: %s\n' "$(date +%H:%M:%S)" "$SCENARIO" "$*" >&2; }

# shellcheck source=lib/processes.sh
source "$HERE/lib/processes.sh"

forget_pid() {
    local pid=$1 kept=() p
    for p in "${PIDS[@]+"${PIDS[@]}"}"; do
        [[ $p == "$pid" ]] || kept+=("$p")
    done
    PIDS=("${kept[@]+"${kept[@]}"}")
}

# Runs "$@" pinned to CPU $1 when taskset exists (and the CPU does), else unpinned with a warning.
pin() {
    local cpu=$1
    shift
    if command -v taskset >/dev/null 2>&1 && taskset -c "$cpu" true 2>/dev/null; then
        exec taskset -c "$cpu" "$@"
    fi
    exec "$@"
}
check_pinning() {
    if ! command -v taskset >/dev/null 2>&1; then
        log "warning: taskset not found; servers and generator run unpinned and compete for cores"
    elif ! taskset -c "$SERVER_CPU" true 2>/dev/null || ! taskset -c "$GENERATOR_CPU" true 2>/dev/null; then
        log "warning: CPU $SERVER_CPU or $GENERATOR_CPU is not available here; running unpinned"
    fi
}

# Runs one of the loadtest jar's commands that read results and print (capacity, compare, verdict, soak-report,
# bid-log), unpinned: they measure nothing, so a JVM that stops at the first JIT tier, which starts faster, will do.
loadtest_tool() {
    java -XX:TieredStopAtLevel=1 -jar "$LOADTEST_JAR" "$@"
}

# With KEEP_CPUS_AWAKE=1, a busy loop on the server's and the generator's cores keeps a virtual machine's vCPUs
# from halting between requests. Waking a halted vCPU can take milliseconds on some hypervisors, which then shows
# up in every latency percentile of every server, the baseline's included. The loop runs under SCHED_IDLE
# (chrt --idle), which the kernel preempts the moment any ordinary thread wakes; a nice-19 loop, the fallback
# without chrt, can keep the core for a whole time slice after a server thread wakes.
keep_cpus_awake() {
    [[ ${KEEP_CPUS_AWAKE:-0} == 1 ]] || return 0
    local cpu policy=(nice -n 19) name="nice-19"
    if command -v chrt >/dev/null 2>&1 && chrt --idle 0 true 2>/dev/null; then
        policy=(chrt --idle 0)
        name="SCHED_IDLE"
    fi
    for cpu in "$SERVER_CPU" "$GENERATOR_CPU"; do
        (pin "$cpu" "${policy[@]}" sh -c 'while :; do :; done') &
        PIDS+=($!)
    done
    log "keeping CPUs $SERVER_CPU and $GENERATOR_CPU awake with $name busy loops (KEEP_CPUS_AWAKE=1)"
}

# Measures how often the machine takes each core away from a thread that never lets go of it (loadtest stalls, for
# STALL_S seconds, which it reads), before anything else runs there: the floor under every latency percentile that
# follows, printed and kept in stalls.txt.
measure_stalls() {
    local cpu pid pids=()
    for cpu in "$SERVER_CPU" "$GENERATOR_CPU"; do
        (pin "$cpu" java -jar "$LOADTEST_JAR" stalls --label "on CPU $cpu" >"$WORK/stalls-$cpu.txt") &
        pids+=($!)
        PIDS+=($!)
    done
    for pid in "${pids[@]}"; do
        wait "$pid" || { log "loadtest stalls failed; see above"; exit 2; }
        forget_pid "$pid"
    done
    cat "$WORK/stalls-$SERVER_CPU.txt" "$WORK/stalls-$GENERATOR_CPU.txt" | tee "$RESULTS/stalls.txt"
}

ensure_jars() {
    if [[ ! -f $LOADTEST_JAR ]] || { [[ $NEED_BIDDER_JAR == yes ]] && [[ ! -f $BIDDER_JAR ]]; }; then
        log "building the jars (./mvnw -q -pl loadtest,bidder -am package -DskipTests)"
        (cd "$ROOT" && ./mvnw -q -B -pl loadtest,bidder -am package -DskipTests)
    fi
}

health_ok() {
    local port=$1
    if command -v curl >/dev/null 2>&1; then
        curl -fsS -o /dev/null -m 2 "http://127.0.0.1:$port/health" 2>/dev/null
    else
        timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port
            printf 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
            IFS= read -r status <&3 && [[ \$status == 'HTTP/1.1 200'* ]]" 2>/dev/null
    fi
}

# start_server NAME COMMAND: starts COMMAND on SERVER_CPU and waits until /health answers 200.
# Sets SERVER_PID and SERVER_PORT.
start_server() {
    local name=$1 command=$2 dir=$WORK/$1 argv extra=() deadline port=""
    read -r -a argv <<<"$command"
    mkdir -p "$dir/bidlog" "$RESULTS"
    rm -f "$dir/port"
    SERVER_NAME=$name
    extra+=("BID_LOG_MAX_DISK_BYTES=${BID_LOG_MAX_DISK_BYTES:-$(bid_log_budget "$dir/bidlog")}")
    # The generator is one source sending the whole load: the bidder's budget per source would hold it to a share
    # of each event loop, and the run would measure the budget, not the bidder.
    extra+=("SOURCE_CPU_PERCENT=${SOURCE_CPU_PERCENT:-0}")
    [[ -n ${SYNTHETIC_CAMPAIGNS:-} ]] && extra+=("SYNTHETIC_CAMPAIGNS=$SYNTHETIC_CAMPAIGNS")
    [[ -n ${CAMPAIGNS_FILE:-} ]] && extra+=("CAMPAIGNS_FILE=$CAMPAIGNS_FILE")
    log "starting $name: ${argv[*]}"
    (
        export PORT=0 PORT_FILE="$dir/port" BID_LOG_DIR="$dir/bidlog" DRAIN_MS=0
        for assignment in "${extra[@]+"${extra[@]}"}"; do export "${assignment?}"; done
        pin "$SERVER_CPU" "${argv[@]}"
    ) >"$RESULTS/$name.log" 2>&1 &
    SERVER_PID=$!
    PIDS+=("$SERVER_PID")
    deadline=$((SECONDS + READY_TIMEOUT_S))
    while ((SECONDS < deadline)); do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            local rc=0
            wait "$SERVER_PID" || rc=$?
            forget_pid "$SERVER_PID"
            log "$name exited (code $rc) before it was ready; the end of $RESULTS/$name.log:"
            tail -n 20 "$RESULTS/$name.log" >&2 || true
            exit 2
        fi
        if [[ -z $port && -s $dir/port ]]; then
            port=$(<"$dir/port")
        fi
        if [[ -n $port ]] && health_ok "$port"; then
            SERVER_PORT=$port
            log "$name ready on port $port (pid $SERVER_PID)"
            return 0
        fi
        sleep 0.1
    done
    log "$name was not ready within ${READY_TIMEOUT_S}s (port file $dir/port, GET /health); see $RESULTS/$name.log"
    exit 2
}

# Stops the server and prints what the bidder's bid log wrote and dropped, by cause: loadtest bid-log reads them
# from the JSON line the bidder logs on stopping (the baseline logs none, and nothing is printed).
stop_server() {
    local counts
    stop_pid "$SERVER_PID"
    forget_pid "$SERVER_PID"
    counts=$(loadtest_tool bid-log "$RESULTS/$SERVER_NAME.log") || return 0
    [[ -z $counts ]] || log "$counts"
}

# No log shipper runs here, so the bid log only grows: unless BID_LOG_MAX_DISK_BYTES is set, the bidder
# gets half the free space of the scratch directory, at most 16 GiB, so that a long or fast run measures
# the bidder writing every record rather than dropping them past the default 1 GiB budget.
bid_log_budget() {
    local free_kb
    free_kb=$(df -Pk "$1" 2>/dev/null | awk 'NR == 2 { print $4 }')
    [[ $free_kb =~ ^[0-9]+$ ]] || free_kb=2097152
    awk -v kb="$free_kb" 'BEGIN { b = kb * 1024 / 2; cap = 16 * 2^30; floor = 2^26
        printf "%.0f\n", (b > cap ? cap : (b < floor ? floor : b)) }'
}

# generate OUT_DIR [generator flags...]: runs the generator on GENERATOR_CPU against SERVER_PORT (with
# CONNECTIONS and TIMEOUT_MS when set), its files in OUT_DIR, its report to OUT_DIR/report.txt and the terminal, its
# progress to the terminal (or OUT_DIR/progress.log with QUIET_PROGRESS=1). Sets GEN_RC.
generate() {
    local out=$1 java_opts flags=()
    shift
    [[ -z ${CONNECTIONS:-} ]] || flags+=(--connections "$CONNECTIONS")
    [[ -z ${TIMEOUT_MS:-} ]] || flags+=(--timeout-ms "$TIMEOUT_MS")
    mkdir -p "$out"
    # Progress goes to fd 3: the script's own stderr (never reopened, which would truncate a file)
    # or a log file.
    if [[ ${QUIET_PROGRESS:-0} == 1 ]]; then
        exec 3>"$out/progress.log"
    else
        exec 3>&2
    fi
    read -r -a java_opts <<<"$GEN_JAVA_OPTS"
    (pin "$GENERATOR_CPU" java "${java_opts[@]}" -jar "$LOADTEST_JAR" \
        --target "http://127.0.0.1:$SERVER_PORT/openrtb2/bid" "${flags[@]+"${flags[@]}"}" --out "$out" "$@") \
        >"$out/report.txt" 2>&3 &
    local pid=$!
    PIDS+=("$pid")
    GEN_RC=0
    wait "$pid" || GEN_RC=$?
    forget_pid "$pid"
    exec 3>&-
    if [[ ${QUIET_PROGRESS:-0} != 1 ]]; then
        cat "$out/report.txt"
    fi
    if ((GEN_RC == 2)); then
        log "the generator could not run; see $out/report.txt and $out/progress.log"
        cat "$out/report.txt" >&2
        [[ -f $out/progress.log ]] && tail -n 5 "$out/progress.log" >&2
        exit 2
    fi
}

# find_capacity NAME COMMAND: starts the server and runs each step loadtest capacity asks for ("measure RATE
# FLAGS...", its files in RESULTS/NAME/rate-RATE/) until it names the capacity ("capacity RATE CRITERION"), then
# stops the server. Sets CAPACITY (0 if no rate held), CAPACITY_CRITERION and CAPACITY_SUMMARY (the summary.json of
# the step at the capacity, empty if none).
find_capacity() {
    local name=$1 command=$2 dir=$RESULTS/$1 line action rate rest step_flags
    start_server "$name" "$command"
    while :; do
        line=$(loadtest_tool capacity --dir "$dir" --name "$name") || { log "loadtest capacity failed; see above"; exit 2; }
        read -r action rate rest <<<"$line"
        [[ $action == measure ]] || break
        read -r -a step_flags <<<"$rest"
        QUIET_PROGRESS=1 generate "$dir/rate-$rate" --quiet "${step_flags[@]}"
    done
    stop_server
    if [[ $action != capacity ]]; then
        log "loadtest capacity printed '$line', neither a step nor the capacity"
        exit 2
    fi
    CAPACITY=$rate
    CAPACITY_CRITERION=$rest
    CAPACITY_SUMMARY=""
    if ((rate > 0)); then
        CAPACITY_SUMMARY=$dir/rate-$rate/summary.json
    fi
}

# live_old_gen PID FILE: forces a full collection in the JVM (jcmd GC.run) and keeps jstat -gc -t of right after it
# in FILE, for soak-report: its old generation then holds what is really live, unlike the old generation after young
# collections, which also holds garbage promoted since the last full one. Writes no FILE without jcmd or jstat.
live_old_gen() {
    local pid=$1 file=$2
    command -v "$JCMD" >/dev/null 2>&1 && command -v "$JSTAT" >/dev/null 2>&1 || return 0
    "$JCMD" "$pid" GC.run >/dev/null 2>&1 || return 0
    "$JSTAT" -gc -t "$pid" >"$file" 2>/dev/null || rm -f "$file"
}

mkdir -p "$RESULTS"
check_pinning
# Stalls are measured for compare, and for any scenario with STALL_S set, unless STALL_S=0.
if [[ ${STALL_S:-} != 0 ]] && [[ -n ${STALL_S:-} || $SCENARIO == compare ]]; then
    ensure_jars
    measure_stalls
fi
keep_cpus_awake
case "$SCENARIO" in
smoke)
    ensure_jars
    start_server bidder "$BIDDER_CMD"
    generate "$RESULTS/run" --rate "${RATE:-$DEFAULT_SMOKE_RATE}" --duration-s "${DURATION_S:-$DEFAULT_SMOKE_DURATION_S}" \
        --warmup-s "${WARMUP_S:-$DEFAULT_SMOKE_WARMUP_S}" --fail-on-errors
    stop_server
    log "smoke $([[ $GEN_RC == 0 ]] && echo passed || echo FAILED); results in $RESULTS"
    exit "$GEN_RC"
    ;;
capacity)
    [[ ${TARGET:-bidder} == baseline ]] && NEED_BIDDER_JAR=no
    ensure_jars
    if [[ ${TARGET:-bidder} == baseline ]]; then
        find_capacity baseline "$BASELINE_CMD"
    else
        find_capacity bidder "$BIDDER_CMD"
    fi
    echo "capacity: $CAPACITY requests/s held ($CAPACITY_CRITERION); results in $RESULTS"
    ((CAPACITY > 0))
    ;;
soak)
    warmup_s=${WARMUP_S:-$DEFAULT_SOAK_WARMUP_S}
    ensure_jars
    start_server bidder "$BIDDER_CMD"
    live_old_gen "$SERVER_PID" "$RESULTS/old-gen-live-before.txt"
    jstat_file=$RESULTS/jstat.txt
    if command -v "$JSTAT" >/dev/null 2>&1; then
        "$JSTAT" -gc -t "$SERVER_PID" "$((${SAMPLE_S:-$DEFAULT_SAMPLE_S} * 1000))" >"$jstat_file" 2>&1 &
        PIDS+=("$!")
        jstat_pid=$!
    else
        log "warning: $JSTAT not found; no memory figures"
        jstat_pid=""
    fi
    generate "$RESULTS/run" --rate "${RATE:-$DEFAULT_SOAK_RATE}" --duration-s "${SOAK_DURATION_S:-$DEFAULT_SOAK_DURATION_S}" \
        --warmup-s "$warmup_s" --fail-on-errors
    if [[ -n $jstat_pid ]]; then
        stop_pid "$jstat_pid"
        forget_pid "$jstat_pid"
    fi
    live_old_gen "$SERVER_PID" "$RESULTS/old-gen-live-after.txt"
    stop_server
    soak_args=(--summary "$RESULTS/run/summary.json" --skip-s "$warmup_s")
    if [[ -n $jstat_pid ]]; then
        soak_args+=(--jstat "$jstat_file" --after-gc "$RESULTS/old-gen-after-gc.csv")
    fi
    if [[ -s $RESULTS/old-gen-live-before.txt && -s $RESULTS/old-gen-live-after.txt ]]; then
        soak_args+=(--live-before "$RESULTS/old-gen-live-before.txt" --live-after "$RESULTS/old-gen-live-after.txt")
    fi
    loadtest_tool soak-report "${soak_args[@]}" | tee "$RESULTS/soak-report.txt"
    log "results in $RESULTS"
    exit "$GEN_RC"
    ;;
compare)
    half_check=${HALF_CHECK:-$DEFAULT_HALF_CHECK}
    half_duration_s=${HALF_DURATION_S:-$DEFAULT_HALF_DURATION_S}
    half_warmup_s=${HALF_WARMUP_S:-$DEFAULT_HALF_WARMUP_S}
    half_limits=(--max-p99-ms "${HALF_P99_MS:-$DEFAULT_HALF_P99_MS}" --max-p999-ms "${HALF_P999_MS:-$DEFAULT_HALF_P999_MS}")
    ensure_jars
    find_capacity baseline "$BASELINE_CMD"
    baseline_rate=$CAPACITY baseline_summary=$CAPACITY_SUMMARY
    SYNTHETIC_CAMPAIGNS=${SYNTHETIC_CAMPAIGNS-$DEFAULT_COMPARE_SYNTHETIC_CAMPAIGNS}
    find_capacity bidder "$BIDDER_CMD"
    bidder_rate=$CAPACITY bidder_summary=$CAPACITY_SUMMARY
    if [[ -z $baseline_summary || -z $bidder_summary ]]; then
        log "no capacity found for $([[ -z $baseline_summary ]] && echo baseline || echo bidder); nothing to compare"
        exit 1
    fi
    echo "== at capacity (highest rate that held): baseline $baseline_rate/s, bidder $bidder_rate/s"
    loadtest_tool compare "$baseline_summary" "$bidder_summary" | tee "$RESULTS/compare.txt"
    verdict_args=("$baseline_summary" "$bidder_summary")
    half=$((bidder_rate / 2))
    if ((half > 0)) && [[ $half_check == 1 ]]; then
        echo "== bidder at half its capacity: $half/s for $half_duration_s s"
        start_server bidder-half "$BIDDER_CMD"
        generate "$RESULTS/bidder-half" --rate "$half" --duration-s "$half_duration_s" --warmup-s "$half_warmup_s" \
            --quiet --fail-on-errors "${half_limits[@]}"
        stop_server
        # The same rate against the baseline shows this machine's own latency floor, which no server beats.
        start_server baseline-half "$BASELINE_CMD"
        generate "$RESULTS/baseline-half" --rate "$half" --duration-s "$half_duration_s" --warmup-s "$half_warmup_s" \
            --quiet
        stop_server
        echo "== at $half/s: the baseline on the same cores, for the machine's latency floor"
        loadtest_tool compare "$RESULTS/baseline-half/summary.json" "$RESULTS/bidder-half/summary.json" \
            | tee "$RESULTS/half-compare.txt" || true
        # The same limits for a server that does nothing: where even the baseline misses them at half of its own
        # capacity, this machine cannot show them for any server.
        own_half=$((baseline_rate / 2))
        echo "== baseline at half its own capacity: $own_half/s, against the same limits"
        start_server baseline-own-half "$BASELINE_CMD"
        generate "$RESULTS/baseline-own-half" --rate "$own_half" --duration-s "$half_duration_s" \
            --warmup-s "$half_warmup_s" --quiet "${half_limits[@]}"
        stop_server
        verdict_args+=(--subject-half "$RESULTS/bidder-half/summary.json"
            --reference-half "$RESULTS/baseline-own-half/summary.json")
    fi
    if [[ -f $RESULTS/stalls.txt ]]; then
        verdict_args+=(--stalls "$RESULTS/stalls.txt")
    fi
    verdict_rc=0
    loadtest_tool verdict "${verdict_args[@]}" | tee "$RESULTS/verdict.txt" || verdict_rc=$?
    log "results in $RESULTS"
    exit "$verdict_rc"
    ;;
esac
