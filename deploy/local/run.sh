#!/usr/bin/env bash
# The Dcbeacon platform on this machine, without Docker: a real PostgreSQL and Kafka broker from
# Maven artifacts, and the four services on ports 8081-8084.
#
#   deploy/local/run.sh          build what is missing, start everything, wait until ready; Ctrl-C stops
#   deploy/local/run.sh stop     stop a stack started from another terminal
#
# Data (databases, Kafka log, keys, logs) stays in deploy/local/data/ (git-ignored), so a restart keeps it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${DCBEACON_DATA_DIR:-$here/data}"
postgres_port="${DCBEACON_POSTGRES_PORT:-15432}"
kafka_port="${DCBEACON_KAFKA_PORT:-19092}"
services=(member-service:8081:member brand-service:8082:brand box-service:8083:box feedback-service:8084:feedback)

# shellcheck source=lib.sh
source "$here/lib.sh"

stop_all() {
    local pidfile pid
    for pidfile in "$data"/pids/*-service.pid "$data"/pids/infrastructure.pid; do
        [ -f "$pidfile" ] || continue
        pid="$(cat "$pidfile")"
        if kill -0 "$pid" 2>/dev/null; then
            echo "stopping $(basename "$pidfile" .pid) (pid $pid)"
            kill -TERM "$pid" 2>/dev/null || true
            for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
            kill -KILL "$pid" 2>/dev/null || true
        fi
        rm -f "$pidfile"
    done
}

if [ "${1:-}" = "stop" ]; then
    stop_all
    exit 0
fi

# shellcheck source=find-jdk.sh
source "$here/find-jdk.sh"
mkdir -p "$data/pids" "$data/logs"
if ls "$data"/pids/*.pid >/dev/null 2>&1; then
    echo "A stack seems to be running already (pid files in $data/pids); run '$0 stop' first." >&2
    exit 1
fi

missing=0
for entry in "${services[@]}"; do
    [ -f "$root/${entry%%:*}/target/quarkus-app/quarkus-run.jar" ] || missing=1
done
[ -f "$root/deploy/local/target/local-stack.classpath" ] || missing=1
if [ "$missing" = 1 ]; then
    echo "Building the platform (first run, or build output missing)..."
    (cd "$root" && ./mvnw -B -q -DskipTests package)
fi

dcbeacon_ensure_keys "$data/jwt"
trap 'echo; stop_all; exit 0' INT TERM

started=$(date +%s.%N)
echo "Starting PostgreSQL (port $postgres_port) and Kafka (port $kafka_port)..."
java -Xmx128m -cp "$root/deploy/local/target/classes:$(cat "$root/deploy/local/target/local-stack.classpath")" \
    com.dcbeacon.local.LocalInfrastructure "$data" "$postgres_port" "$kafka_port" \
    > "$data/logs/infrastructure.log" 2>&1 &
echo $! > "$data/pids/infrastructure.pid"
for _ in $(seq 1 240); do
    grep -q '^READY' "$data/logs/infrastructure.log" 2>/dev/null && break
    if ! kill -0 "$(cat "$data/pids/infrastructure.pid")" 2>/dev/null; then
        echo "Infrastructure failed to start; see $data/logs/infrastructure.log" >&2
        tail -20 "$data/logs/infrastructure.log" >&2
        stop_all; exit 1
    fi
    sleep 0.5
done
grep -q '^READY' "$data/logs/infrastructure.log" || { echo "Infrastructure not ready in 120 s" >&2; stop_all; exit 1; }

for entry in "${services[@]}"; do
    IFS=: read -r name port database <<< "$entry"
    QUARKUS_HTTP_PORT="$port" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$postgres_port/$database" \
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$kafka_port" \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="$data/jwt/public.pem" \
    MP_JWT_VERIFY_ISSUER="$DCBEACON_LOCAL_ISSUER" \
    java -Xmx256m -XX:+UseSerialGC -jar "$root/$name/target/quarkus-app/quarkus-run.jar" \
        > "$data/logs/$name.log" 2>&1 &
    echo $! > "$data/pids/$name.pid"
done

for entry in "${services[@]}"; do
    IFS=: read -r name port _ <<< "$entry"
    ready=0
    for _ in $(seq 1 240); do
        if curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; then ready=1; break; fi
        if ! kill -0 "$(cat "$data/pids/$name.pid")" 2>/dev/null; then break; fi
        sleep 0.5
    done
    if [ "$ready" != 1 ]; then
        echo "$name did not become ready; see $data/logs/$name.log" >&2
        tail -20 "$data/logs/$name.log" >&2
        stop_all; exit 1
    fi
done

printf 'All services ready in %.1f s:\n' "$(echo "$(date +%s.%N) - $started" | bc)"
for entry in "${services[@]}"; do
    IFS=: read -r name port _ <<< "$entry"
    printf '  %-17s http://localhost:%s  (OpenAPI: http://localhost:%s/q/swagger-ui)\n' "$name" "$port" "$port"
done
echo "  PostgreSQL        127.0.0.1:$postgres_port (user postgres, password postgres)"
echo "  Kafka             127.0.0.1:$kafka_port"
echo "Tokens: deploy/local/token.sh ROLE SUBJECT [BRAND_ID]. Logs: $data/logs. Ctrl-C or '$0 stop' stops."

if [ "${DCBEACON_DETACH:-0}" = 1 ]; then
    trap - INT TERM
    exit 0
fi
wait
