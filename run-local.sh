#!/usr/bin/env bash
# Runs the bidder and the log shipper together on this machine (README, "Run the bidder and the log shipper
# locally"): builds them if needed, starts both on 127.0.0.1 with a shared bid-log directory under ./local/,
# sends the IAB example requests and their notices, stops both, and prints how to query what the shipper wrote
# into ./local/s3, laid out like the S3 prefix. Needs only a JDK. LOCAL_RUN_TIMEOUT_S (120) bounds the run;
# Ctrl-C stops both processes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
jars=(bidder/target/bidder.jar sidecars/log-shipper/target/log-shipper.jar loadtest/target/loadtest.jar)
for jar in "${jars[@]}"; do
    if [[ ! -f $jar ]]; then
        echo "run-local: building the bidder, the log shipper and the load-test tools" >&2
        ./mvnw -B -q -pl bidder,sidecars/log-shipper,loadtest -am package -DskipTests
        break
    fi
done
exec java -cp loadtest/target/loadtest.jar org.fargatedsp.loadtest.local.LocalRun local "${jars[0]}" "${jars[1]}"
