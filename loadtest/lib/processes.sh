# Stopping what a load-test script started, sourced by loadtest/run.sh and loadtest/shipper-vs-flume.sh. The
# script defines log(), STOP_TIMEOUT_S, PIDS (the processes it started) and WORK (its scratch directory) first;
# sourcing this stops every one of those processes and removes WORK on every way out.

# Stops one process: SIGTERM, then SIGKILL after STOP_TIMEOUT_S seconds.
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
