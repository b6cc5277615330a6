#!/usr/bin/env bash
# Load-test scenarios for fargate-dsp: smoke, capacity, soak, compare (docs/loadtest.md).
# Each scenario starts the servers it needs pinned to one core (SERVER_CPU), the generator on another
# (GENERATOR_CPU), and stops everything it started on every way out. Results go to
# loadtest/results/<scenario>-<timestamp>/ unless RESULTS_DIR says otherwise.
set -euo pipefail

usage() {
    cat >&2 <<'EOF'
usage: loadtest/run.sh smoke|capacity|soak|compare

  smoke     RATE (200/s) for DURATION_S (30) against the bidder on its default campaigns;
            fails on any 5xx, timeout or broken connection.
  capacity  steps the rate up from START_RATE (1000), multiplying by STEP_FACTOR (2) or adding
            STEP when set, then REFINE_STEPS (3) bisections, until p99 passes P99_THRESHOLD_MS (5)
            or errors appear; reports the highest rate that held. TARGET=bidder|baseline (bidder).
  soak      RATE (1000/s) for SOAK_DURATION_S (600) in HEAP (-Xms512m -Xmx512m); reports the drift
            of p99 per minute and of the old generation after GC (jstat every SAMPLE_S, 5 s).
  compare   capacity of the baseline server and of the bidder (with SYNTHETIC_CAMPAIGNS=10000), both
            figures and their ratio (MIN_RATIO 0.5), then the bidder at half its capacity for
            HALF_DURATION_S (60) after HALF_WARMUP_S (30) against HALF_P99_MS (1) and HALF_P999_MS (5),
            the baseline at the same rate, and the baseline at half its own capacity.

STALL_S (5 for compare, 0 otherwise) first measures how often the machine stalls each core (loadtest
stalls), the floor under every latency figure. KEEP_CPUS_AWAKE=1 keeps both cores from halting between
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
HEAP=${HEAP:--Xms512m -Xmx512m}
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
CONNECTIONS=${CONNECTIONS:-64}
TIMEOUT_MS=${TIMEOUT_MS:-1000}
RESULTS=${RESULTS_DIR:-$HERE/results/$SCENARIO-$(date +%Y%m%d-%H%M%S)}

PIDS=()
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fargate-dsp-loadtest.XXXXXX")

log() { printf '%s run.sh %s: %s\n' "$(date +%H:%M:%S)" "$SCENARIO" "$*" >&2; }

stop_pid() {
    local pid=$1 waited=0
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null && ((waited < STOP_TIMEOUT_S * 10)); do
        sleep 0.1
        waited=$((waited + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "pid $pid ignored SIGTERM for ${STOP_TIMEOUT_S}s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local pid
    for pid in "${PIDS[@]+"${PIDS[@]}"}"; do
        stop_pid "$pid"
    done
    PIDS=()
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

forget_pid() {
    local pid=$1 kept=() p
    for p in "${PIDS[@]+"${PIDS[@]}"}"; do
        [[ $p == "$pid" ]] || kept+=("$p")
    done
    PIDS=("${kept[@]+"${kept[@]}"}")
}

# Runs "$@" pinned to CPU $1 when taskset exists (and the CPU does), else unpinned with a warning.
PIN_WARNED=0
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

# With STALL_S above 0 (the default for compare), measures for STALL_S seconds how often the machine takes each
# core away from a thread that never lets go of it (loadtest stalls), before anything else runs there: the floor
# under every latency percentile that follows, printed and kept in stalls.txt.
measure_stalls() {
    local seconds=$1 cpu pid pids=()
    for cpu in "$SERVER_CPU" "$GENERATOR_CPU"; do
        (pin "$cpu" java -jar "$LOADTEST_JAR" stalls --duration-s "$seconds" --label "on CPU $cpu" \
            >"$WORK/stalls-$cpu.txt") &
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

stop_server() {
    stop_pid "$SERVER_PID"
    forget_pid "$SERVER_PID"
    report_bid_log "$RESULTS/$SERVER_NAME.log"
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

# Prints what the bidder's bid log wrote and dropped, from its "bidder stopped" line (the baseline has none).
report_bid_log() {
    local line
    line=$(grep -o '"bid_log_written":[0-9]*,"bid_log_dropped":{[^}]*}' "$1" 2>/dev/null | tail -n 1) || true
    [[ -n $line ]] || return 0
    log "bid log: $(sed -e 's/"bid_log_written":/written /' -e 's/,"bid_log_dropped":/, dropped /' \
        -e 's/"//g' <<<"$line")"
}

# generate OUT_DIR RATE DURATION_S WARMUP_S [generator flags...]: runs the generator on
# GENERATOR_CPU against SERVER_PORT, its report to OUT_DIR/report.txt and the terminal,
# its progress to the terminal (or OUT_DIR/progress.log with QUIET_PROGRESS=1). Sets GEN_RC.
generate() {
    local out=$1 rate=$2 duration=$3 warmup=$4 java_opts
    shift 4
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
        --target "http://127.0.0.1:$SERVER_PORT/openrtb2/bid" --rate "$rate" --duration-s "$duration" \
        --warmup-s "$warmup" --connections "$CONNECTIONS" --timeout-ms "$TIMEOUT_MS" \
        --out "$out" "$@") >"$out/report.txt" 2>&3 &
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

report_line() {
    grep -E "^$2" "$1/report.txt" | head -n 1 | sed -E 's/ +/ /g'
}

# find_capacity NAME COMMAND: sets CAPACITY (highest rate that held, 0 if none) and CAPACITY_DIR.
find_capacity() {
    local name=$1 command=$2 rate=${START_RATE:-1000} held=0 failed=0 refine=0 dir
    local factor=${STEP_FACTOR:-2} refine_steps=${REFINE_STEPS:-3} max_rate=${MAX_RATE:-1000000}
    local step_s=${STEP_DURATION_S:-15} step_warmup_s=${STEP_WARMUP_S:-10} threshold=${P99_THRESHOLD_MS:-5}
    CAPACITY=0
    CAPACITY_DIR=""
    start_server "$name" "$command"
    while :; do
        dir=$RESULTS/$name/rate-$rate
        QUIET_PROGRESS=1 generate "$dir" "$rate" "$step_s" "$step_warmup_s" --quiet --fail-on-errors \
            --max-p99-ms "$threshold"
        if ((GEN_RC == 0)); then
            held=$rate
            CAPACITY=$rate
            CAPACITY_DIR=$dir
            log "$name at $rate/s: held ($(report_line "$dir" latency | cut -c1-80))"
            if grep -q 'near its limit' "$dir/report.txt"; then
                log "warning: the generator used nearly all of its core at $rate/s; above this the generator, not $name, may be the limit"
            fi
        else
            failed=$rate
            log "$name at $rate/s: did not hold ($(report_line "$dir" verdict | cut -d: -f2- | cut -c1-100))"
        fi
        if ((failed == 0)); then
            ((held >= max_rate)) && break
            if [[ -n ${STEP:-} ]]; then
                rate=$((rate + STEP))
            else
                rate=$((rate * factor))
            fi
            ((rate > max_rate)) && rate=$max_rate
        elif ((held == 0)); then
            log "$name did not hold even at the start rate $rate/s; lower START_RATE"
            break
        elif ((refine < refine_steps && failed - held > 1)); then
            rate=$(((held + failed) / 2))
            refine=$((refine + 1))
        else
            break
        fi
    done
    stop_server
    log "$name capacity: $CAPACITY/s with p99 <= ${threshold} ms and no errors"
}

# live_old_gen_mb PID: forces a full collection in the JVM (jcmd GC.run) and prints its old generation's use in MB
# after it: what is really live there, unlike the old generation after young collections, which also holds garbage
# promoted since the last full one. Prints nothing when jcmd or jstat is missing.
live_old_gen_mb() {
    local pid=$1
    command -v "${JCMD:-jcmd}" >/dev/null 2>&1 && command -v "${JSTAT:-jstat}" >/dev/null 2>&1 || return 0
    "${JCMD:-jcmd}" "$pid" GC.run >/dev/null 2>&1 || return 0
    "${JSTAT:-jstat}" -gc "$pid" 2>/dev/null | awk 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "OU") c = i }
        NR == 2 && c { printf "%.1f\n", $c / 1024 }'
}

mkdir -p "$RESULTS"
check_pinning
STALL_S=${STALL_S:-$([[ $SCENARIO == compare ]] && echo 5 || echo 0)}
if [[ $STALL_S != 0 ]]; then
    ensure_jars
    measure_stalls "$STALL_S"
fi
keep_cpus_awake
case "$SCENARIO" in
smoke)
    ensure_jars
    start_server bidder "$BIDDER_CMD"
    generate "$RESULTS/run" "${RATE:-200}" "${DURATION_S:-30}" "${WARMUP_S:-2}" --fail-on-errors
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
    echo "capacity: $CAPACITY requests/s held (p99 <= ${P99_THRESHOLD_MS:-5} ms, no errors); results in $RESULTS"
    ((CAPACITY > 0))
    ;;
soak)
    ensure_jars
    start_server bidder "$BIDDER_CMD"
    live_before=$(live_old_gen_mb "$SERVER_PID")
    jstat_file=$RESULTS/jstat.txt
    jstat_cmd=${JSTAT:-jstat}
    if command -v "$jstat_cmd" >/dev/null 2>&1; then
        "$jstat_cmd" -gc -t "$SERVER_PID" "$((${SAMPLE_S:-5} * 1000))" >"$jstat_file" 2>&1 &
        PIDS+=("$!")
        jstat_pid=$!
    else
        log "warning: $jstat_cmd not found; no memory figures"
        jstat_pid=""
    fi
    generate "$RESULTS/run" "${RATE:-1000}" "${SOAK_DURATION_S:-600}" "${WARMUP_S:-30}" --fail-on-errors
    if [[ -n $jstat_pid ]]; then
        stop_pid "$jstat_pid"
        forget_pid "$jstat_pid"
    fi
    live_after=$(live_old_gen_mb "$SERVER_PID")
    stop_server
    soak_args=(--summary "$RESULTS/run/summary.json" --skip-s "${WARMUP_S:-30}")
    [[ -n $jstat_pid ]] && soak_args+=(--jstat "$jstat_file" --after-gc "$RESULTS/old-gen-after-gc.csv")
    java -jar "$LOADTEST_JAR" soak-report "${soak_args[@]}" | tee "$RESULTS/soak-report.txt"
    if [[ -n $live_before && -n $live_after ]]; then
        echo "old generation live after a full GC: before the load $live_before MB, after the soak $live_after MB" \
            "($(awk -v a="$live_before" -v b="$live_after" 'BEGIN { printf "%+.1f", b - a }') MB)" \
            | tee -a "$RESULTS/soak-report.txt"
    fi
    log "results in $RESULTS"
    exit "$GEN_RC"
    ;;
compare)
    ensure_jars
    find_capacity baseline "$BASELINE_CMD"
    baseline_rate=$CAPACITY baseline_dir=$CAPACITY_DIR
    SYNTHETIC_CAMPAIGNS=${SYNTHETIC_CAMPAIGNS-10000}
    find_capacity bidder "$BIDDER_CMD"
    bidder_rate=$CAPACITY bidder_dir=$CAPACITY_DIR
    if [[ -z $baseline_dir || -z $bidder_dir ]]; then
        log "no capacity found for $([[ -z $baseline_dir ]] && echo baseline || echo bidder); nothing to compare"
        exit 1
    fi
    echo "== at capacity (highest rate that held): baseline $baseline_rate/s, bidder $bidder_rate/s"
    compare_rc=0
    java -jar "$LOADTEST_JAR" compare "$baseline_dir/summary.json" "$bidder_dir/summary.json" \
        --min-ratio "${MIN_RATIO:-0.5}" | tee "$RESULTS/compare.txt" || compare_rc=$?
    half=$((bidder_rate / 2))
    half_rc=0
    own_half=0
    own_half_rc=0
    if ((half > 0)) && [[ ${HALF_CHECK:-1} == 1 ]]; then
        echo "== bidder at half its capacity: $half/s for ${HALF_DURATION_S:-60} s"
        start_server bidder-half "$BIDDER_CMD"
        generate "$RESULTS/bidder-half" "$half" "${HALF_DURATION_S:-60}" "${HALF_WARMUP_S:-30}" --quiet --fail-on-errors \
            --max-p99-ms "${HALF_P99_MS:-1}" --max-p999-ms "${HALF_P999_MS:-5}"
        half_rc=$GEN_RC
        stop_server
        # The same rate against the baseline shows this machine's own latency floor, which no server beats.
        start_server baseline-half "$BASELINE_CMD"
        generate "$RESULTS/baseline-half" "$half" "${HALF_DURATION_S:-60}" "${HALF_WARMUP_S:-30}" --quiet
        stop_server
        echo "== at $half/s: the baseline on the same cores, for the machine's latency floor"
        java -jar "$LOADTEST_JAR" compare "$RESULTS/baseline-half/summary.json" "$RESULTS/bidder-half/summary.json" \
            --min-ratio 0 | tee "$RESULTS/half-compare.txt" || true
        # The same target for a server that does nothing: where even the baseline misses it at half of its own
        # capacity, this machine cannot show it for any server.
        own_half=$((baseline_rate / 2))
        echo "== baseline at half its own capacity: $own_half/s, against the same limits"
        start_server baseline-own-half "$BASELINE_CMD"
        generate "$RESULTS/baseline-own-half" "$own_half" "${HALF_DURATION_S:-60}" "${HALF_WARMUP_S:-30}" --quiet \
            --max-p99-ms "${HALF_P99_MS:-1}" --max-p999-ms "${HALF_P999_MS:-5}"
        own_half_rc=$GEN_RC
        stop_server
    fi
    # One block that says what passed, and whether this machine could judge the latency target at all.
    {
        echo "== verdict"
        echo "throughput: bidder/baseline $(grep -E '^throughput' "$RESULTS/compare.txt" | awk '{ print $NF }')" \
            "against ${MIN_RATIO:-0.5}: $( ((compare_rc == 0)) && echo met || echo MISSED)"
        if ((half > 0)) && [[ ${HALF_CHECK:-1} == 1 ]]; then
            echo "bidder at half its capacity ($half/s): $(report_line "$RESULTS/bidder-half" verdict | cut -d' ' -f2-)"
            echo "baseline at half its own capacity ($own_half/s): $(report_line "$RESULTS/baseline-own-half" verdict \
                | cut -d' ' -f2-)"
            if ((own_half_rc != 0)); then
                echo "the baseline, which does nothing, misses the latency limits too: this machine's stalls" \
                    "$([[ -f $RESULTS/stalls.txt ]] && echo "(stalls.txt) ")are above them, and the bidder's" \
                    "half-capacity latency cannot be judged here"
            fi
        fi
    } | tee "$RESULTS/verdict.txt"
    log "results in $RESULTS"
    ((compare_rc == 0 && half_rc == 0))
    ;;
esac
