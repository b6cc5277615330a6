# syntax=docker/dockerfile:1.7
# The bidder image: docker build -t fargate-dsp-bidder:$VERSION .
# Built from the same Maven reactor as everything else; tests run in CI before the image is built.

FROM eclipse-temurin:17-jdk-jammy AS build
WORKDIR /src
COPY . .
# The Maven repository (and the wrapper's Maven) is a build cache, not an image layer.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -pl bidder -am package -DskipTests

FROM eclipse-temurin:17-jre-jammy
# curl is what the ECS container health check runs (task-definitions/bidder.json).
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --no-create-home bidder \
    && mkdir -p /var/log/bids \
    && chown bidder /var/log/bids
COPY --from=build /src/bidder/target/bidder.jar /opt/bidder/bidder.jar
USER bidder
ENV PORT=8080 \
    BID_LOG_DIR=/var/log/bids \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
# Exec form: the JVM is PID 1 and receives ECS's SIGTERM itself, which starts the drain.
ENTRYPOINT ["java", "-jar", "/opt/bidder/bidder.jar"]
