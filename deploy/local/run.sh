#!/usr/bin/env bash
# The Dcbeacon platform on this machine, without Docker: a real PostgreSQL, Kafka broker, mail catcher
# (GreenMail: SMTP, and a web API to read what member-service sent) and identity provider (Keycloak, realm
# deploy/keycloak/dcbeacon-realm.json, demo users) from Maven artifacts, the four services on ports 8081-8084 and the
# web portal on port 8085.
#
#   deploy/local/run.sh          build what is missing or older than its sources, start everything, wait until
#                                ready; Ctrl-C (or closing the terminal) stops everything
#   deploy/local/run.sh stop     stop a stack started from another terminal (or left behind by a killed run.sh)
#
# Needs a JDK 21+ (found by find-jdk.sh), openssl (the provider's administrator password), curl (readiness checks,
# demo accounts) and setsid (util-linux). Data (databases, Kafka log, logs) stays in deploy/local/data/ (git-ignored), so
# a restart keeps it; the identity provider keeps nothing (its realm and demo users are imported at every start).
# DCBEACON_DETACH=1 returns once everything is ready and leaves the stack running until 'run.sh stop'.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${DCBEACON_DATA_DIR:-$here/data}"
postgres_port="${DCBEACON_POSTGRES_PORT:-15432}"
kafka_port="${DCBEACON_KAFKA_PORT:-19092}"
smtp_port="${DCBEACON_SMTP_PORT:-12525}"
mail_web_port="${DCBEACON_MAIL_WEB_PORT:-18025}"
services=(member-service:8081:member brand-service:8082:brand box-service:8083:box feedback-service:8084:feedback)
portal_port=8085
pids="$data/pids"

# shellcheck source=lib.sh
source "$here/lib.sh"

alive() { kill -0 "$1" 2>/dev/null; }

# Each process runs in its own process group (setsid), so stopping it also stops what it started
# (PostgreSQL under the infrastructure, the Kafka broker's JVM).
stop_all() {
    local pidfile pid
    for pidfile in "$pids"/web-portal.pid "$pids"/*-service.pid "$pids"/identity-provider.pid "$pids"/infrastructure.pid; do
        [ -f "$pidfile" ] || continue
        pid="$(cat "$pidfile")"
        if alive "$pid"; then
            echo "stopping $(basename "$pidfile" .pid) (pid $pid)"
            kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
            for _ in $(seq 1 60); do alive "$pid" || break; sleep 0.5; done
        fi
        # whatever of the group is left (or outlived its leader)
        kill -KILL -- "-$pid" 2>/dev/null || true
        rm -f "$pidfile"
    done
    # PostgreSQL runs in a session of its own (pg_ctl); it is left only if the infrastructure was killed outright.
    pid="$(head -1 "$data/postgres/postmaster.pid" 2>/dev/null || true)"
    if [ -n "$pid" ] && alive "$pid" && ps -o args= -p "$pid" | grep -q -- "-D $data/postgres"; then
        echo "stopping PostgreSQL (pid $pid)"
        kill -INT "$pid" 2>/dev/null || true
        for _ in $(seq 1 60); do alive "$pid" || break; sleep 0.5; done
    fi
    rm -f "$pids/run.pid"
}

if [ "${1:-}" = "stop" ]; then
    stop_all
    exit 0
fi

dcbeacon_require "openssl:the identity provider's administrator password" "curl:waiting until the services are ready" \
    "setsid:stopping each process with what it started:util-linux" || exit 1
# shellcheck source=find-jdk.sh
source "$here/find-jdk.sh"
mkdir -p "$pids" "$data/logs"

# A stack from an earlier start: still attended by its run.sh, left running on purpose (DCBEACON_DETACH), or
# orphaned by a run.sh that was killed. Orphans are stopped; the others are left alone.
if ls "$pids"/*.pid >/dev/null 2>&1; then
    running=""
    for pidfile in "$pids"/web-portal.pid "$pids"/*-service.pid "$pids"/identity-provider.pid "$pids"/infrastructure.pid; do
        [ -f "$pidfile" ] && alive "$(cat "$pidfile")" && running+=" $(basename "$pidfile" .pid)"
    done
    owner="$(cat "$pids/run.pid" 2>/dev/null || true)"
    if [ -z "$running" ]; then
        rm -f "$pids"/*.pid
    elif [ -n "$owner" ] && alive "$owner"; then
        echo "A stack is running already, started by run.sh (pid $owner):$running. Stop it there or with '$0 stop'." >&2
        exit 1
    elif [ -z "$owner" ]; then
        echo "A stack is running already (started detached):$running. Stop it with '$0 stop' first." >&2
        exit 1
    else
        echo "Stopping what an earlier run.sh left behind:$running"
        stop_all
    fi
fi

# Every port must be free; name who holds a taken one.
port_owner() {
    if command -v ss >/dev/null 2>&1; then
        ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'users:(("[^"]*",pid=[0-9]*' | head -1 \
            | sed 's/users:(("\([^"]*\)",pid=\([0-9]*\)/\2/'
    elif command -v lsof >/dev/null 2>&1; then
        lsof -nP -iTCP:"$1" -sTCP:LISTEN 2>/dev/null | awk 'NR == 2 {print $2}'
    fi | while read -r pid; do
        echo "pid $pid: $(ps -o args= -p "$pid" 2>/dev/null | cut -c1-120)"
    done
}
# The demo member and brand exist in the services once (their ids are kept in the data folder); the provider's demo
# users, imported afresh at every start, are linked to them through their member_id and brand_id attributes.
kc_admin_token() {
    curl -fs -X POST "$DCBEACON_KEYCLOAK_URL/realms/master/protocol/openid-connect/token" \
        --data-urlencode grant_type=password --data-urlencode client_id=admin-cli --data-urlencode username=admin \
        --data-urlencode "password=$keycloak_admin_password" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}
link_user() { # USERNAME ATTRIBUTE VALUE
    local admin id
    admin="$(kc_admin_token)"
    id="$(curl -fs "$DCBEACON_KEYCLOAK_URL/admin/realms/dcbeacon/users?exact=true&username=$1" \
        -H "Authorization: Bearer $admin" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)"
    curl -fs -X PUT "$DCBEACON_KEYCLOAK_URL/admin/realms/dcbeacon/users/$id" -H "Authorization: Bearer $admin" \
        -H 'Content-Type: application/json' \
        -d "{\"username\":\"$1\",\"email\":\"$1@dcbeacon.example\",\"emailVerified\":true,\"attributes\":{\"$2\":[\"$3\"]}}"
}
link_demo_accounts() {
    if [ -s "$data/demo-member-id" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' \
            "localhost:8081/api/members/$(cat "$data/demo-member-id")" \
            -H "Authorization: Bearer $("$here/token.sh" support)")" = 404 ]; then
        rm -f "$data/demo-member-id" # the demo member erased their account in an earlier run: a new one signs up
    fi
    if [ ! -s "$data/demo-member-id" ]; then
        curl -fs -X POST localhost:8081/api/members -H 'Content-Type: application/json' \
            -d '{"email":"demo-member@dcbeacon.example","name":"Demo Member","shippingAddress":{"line1":"1 Main St","city":"Berlin","postalCode":"10115","country":"DE"}}' \
            | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4 > "$data/demo-member-id"
    fi
    if [ ! -s "$data/demo-brand-id" ]; then
        curl -fs -X POST localhost:8082/api/brands -H 'Content-Type: application/json' \
            -H "Authorization: Bearer $("$here/token.sh" support)" \
            -d '{"name":"Demo Snacks","contactEmail":"partners@demo-snacks.example"}' \
            | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4 > "$data/demo-brand-id"
    fi
    link_user demo-member member_id "$(cat "$data/demo-member-id")" \
        && link_user demo-brand brand_id "$(cat "$data/demo-brand-id")" \
        || echo "Could not link the demo member and brand users to their member and brand; see the admin console." >&2
}

taken=0
ports=("$postgres_port:PostgreSQL" "$kafka_port:Kafka" "$((kafka_port + 1)):the Kafka controller"
    "$smtp_port:the mail catcher's SMTP" "$mail_web_port:the mail catcher's web API"
    "$DCBEACON_KEYCLOAK_PORT:the identity provider")
for entry in "${services[@]}"; do
    IFS=: read -r name port _ <<< "$entry"
    ports+=("$port:$name")
done
ports+=("$portal_port:web-portal")
for entry in "${ports[@]}"; do
    port="${entry%%:*}"
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        owner="$(port_owner "$port")"
        echo "Port $port (for ${entry#*:}) is taken by ${owner:-another process}." >&2
        taken=1
    fi
done
if [ "$taken" = 1 ]; then
    echo "Stop what holds it, or choose other ports for PostgreSQL, Kafka, the mail catcher and the identity provider" \
        "with DCBEACON_POSTGRES_PORT, DCBEACON_KAFKA_PORT, DCBEACON_SMTP_PORT, DCBEACON_MAIL_WEB_PORT and" \
        "DCBEACON_KEYCLOAK_PORT" \
        "(the ports 8081-8085 of the services and the web portal are fixed)." >&2
    exit 1
fi

# Build what is missing or older than its sources (after a git pull, say), with Maven's progress shown.
newer_than() {
    local stamp="$1"; shift
    [ -f "$stamp" ] || return 0
    [ -n "$(find "$@" -path '*/target' -prune -o -type f -newer "$stamp" -print -quit 2>/dev/null)" ]
}
stale=()
stamps=()
for entry in "${services[@]}"; do
    name="${entry%%:*}"
    jar="$root/$name/target/quarkus-app/quarkus-run.jar"
    if newer_than "$jar" "$root/$name/src" "$root/$name/pom.xml" "$root/platform" "$root/pom.xml" \
            "$root/build/pom.xml"; then
        stale+=("$name"); stamps+=("$jar")
    fi
done
portal_jar="$root/web-portal/target/quarkus-app/quarkus-run.jar"
if newer_than "$portal_jar" "$root/web-portal/src" "$root/web-portal/pom.xml" "$root/pom.xml" "$root/build/pom.xml"; then
    stale+=("web-portal"); stamps+=("$portal_jar")
fi
classpath="$root/deploy/local/target/local-stack.classpath"
# The project's modules on the local stack's classpath, as the last build recorded it (a reactor build names their
# target/ folders; without a classpath the stack is built anyway).
stack_modules=()
if [ -f "$classpath" ]; then
    while IFS= read -r module; do stack_modules+=("$module"); done < <(
        tr ':' '\n' < "$classpath" | grep "^$root/.*/target/" | sed 's#/target/.*##' | sort -u)
fi
if newer_than "$classpath" "$root/deploy/local/src" "$root/deploy/local/pom.xml" "${stack_modules[@]}" \
        "$root/pom.xml" "$root/build/pom.xml" "$root"/*-service/src/main/resources/application.properties \
        || [ ! -f "$root/deploy/local/target/mail-catcher/greenmail-standalone.jar" ] \
        || ! ls "$root"/deploy/local/target/keycloak-*/bin/kc.sh >/dev/null 2>&1; then
    stale+=("deploy/local"); stamps+=("$classpath")
fi
if [ "${#stale[@]}" -gt 0 ]; then
    modules="$(IFS=,; echo "${stale[*]}")"
    echo "Building ${stale[*]} (missing or older than its sources; the first build takes a few minutes)."
    echo "Full Maven output: $data/logs/build.log"
    if ! (cd "$root" && ./mvnw -B -ntp -DskipTests package -pl "$modules" -am < /dev/null 2>&1) \
            | tee "$data/logs/build.log" \
            | { grep --line-buffered -E '^\[INFO\] Building .*\[[0-9]+/[0-9]+\]$|^\[ERROR\]|BUILD (SUCCESS|FAILURE)' || true; }; then
        echo "The build failed; see $data/logs/build.log" >&2
        exit 1
    fi
    # Maven may leave an up-to-date output untouched: mark it as built from today's sources.
    touch -c "${stamps[@]}"
fi

keycloak_home="$(ls -d "$root"/deploy/local/target/keycloak-*/ | sort -V | tail -1)"
mkdir -p "$data/keycloak"
[ -f "$data/keycloak/admin-password" ] || (umask 077; openssl rand -hex 16 > "$data/keycloak/admin-password")
keycloak_admin_password="$(cat "$data/keycloak/admin-password")"

# From here on, every way out stops what was started: Ctrl-C, kill, a closed terminal, an error.
echo $$ > "$pids/run.pid"
detached=0
# errexit off while stopping: after a hangup, writing to the closed terminal fails and must not cut the cleanup short.
trap 'trap "" INT TERM HUP; set +e; [ "$detached" = 1 ] || { echo; stop_all; }' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

started=$(date +%s%N)
# The identity provider starts beside the rest: the services fetch its keys at the first token they verify.
echo "Starting the identity provider (Keycloak, port $DCBEACON_KEYCLOAK_PORT; its first start builds it, a minute or two)..."
KC_BOOTSTRAP_ADMIN_PASSWORD="$keycloak_admin_password" \
setsid java -Xmx64m -cp "$root/deploy/local/target/classes:$(cat "$classpath")" com.dcbeacon.local.KeycloakServer \
    "$keycloak_home" "$root/deploy/keycloak/dcbeacon-realm.json" "$data/logs/keycloak.log" "$DCBEACON_KEYCLOAK_PORT" \
    > "$data/logs/identity-provider.log" 2>&1 < /dev/null &
echo $! > "$pids/identity-provider.pid"
echo "Starting PostgreSQL (port $postgres_port), Kafka (port $kafka_port) and the mail catcher (SMTP port $smtp_port)..."
setsid java -Xmx192m -cp "$root/deploy/local/target/classes:$(cat "$classpath")" \
    com.dcbeacon.local.LocalInfrastructure "$data" "$postgres_port" "$kafka_port" "$smtp_port" "$mail_web_port" \
    "$root/deploy/local/target/mail-catcher/greenmail-standalone.jar" \
    > "$data/logs/infrastructure.log" 2>&1 < /dev/null &
echo $! > "$pids/infrastructure.pid"
for _ in $(seq 1 240); do
    grep -q '^READY' "$data/logs/infrastructure.log" 2>/dev/null && break
    if ! alive "$(cat "$pids/infrastructure.pid")"; then
        echo "Infrastructure failed to start; see $data/logs/infrastructure.log" >&2
        tail -20 "$data/logs/infrastructure.log" >&2
        exit 1
    fi
    sleep 0.5
done
grep -q '^READY' "$data/logs/infrastructure.log" || {
    echo "Infrastructure not ready in 120 s; see $data/logs/infrastructure.log" >&2
    exit 1
}

for entry in "${services[@]}"; do
    IFS=: read -r name port database <<< "$entry"
    QUARKUS_HTTP_PORT="$port" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$postgres_port/$database" \
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$kafka_port" \
    QUARKUS_MAILER_HOST=127.0.0.1 QUARKUS_MAILER_PORT="$smtp_port" \
    DCBEACON_BOX_PREVIEW_LEAD="${DCBEACON_BOX_PREVIEW_LEAD:-PT1M}" \
    DCBEACON_PORTAL_BASE_URL="http://localhost:$portal_port" \
    QUARKUS_PROFILE=prod,idp \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="$DCBEACON_KEYCLOAK_URL/realms/dcbeacon/protocol/openid-connect/certs" \
    MP_JWT_VERIFY_ISSUER="$DCBEACON_KEYCLOAK_ISSUER" \
    QUARKUS_KEYCLOAK_ADMIN_CLIENT_SERVER_URL="$DCBEACON_KEYCLOAK_URL" \
    QUARKUS_KEYCLOAK_ADMIN_CLIENT_CLIENT_SECRET=member-service-local-secret \
    setsid java -Xmx256m -XX:+UseSerialGC -jar "$root/$name/target/quarkus-app/quarkus-run.jar" \
        > "$data/logs/$name.log" 2>&1 < /dev/null &
    echo $! > "$pids/$name.pid"
done

for entry in "${services[@]}"; do
    IFS=: read -r name port _ <<< "$entry"
    ready=0
    for _ in $(seq 1 240); do
        if curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; then ready=1; break; fi
        if ! alive "$(cat "$pids/$name.pid")"; then break; fi
        sleep 0.5
    done
    if [ "$ready" != 1 ]; then
        echo "$name did not become ready; see $data/logs/$name.log" >&2
        tail -20 "$data/logs/$name.log" >&2
        exit 1
    fi
done

for _ in $(seq 1 840); do
    grep -q '^READY' "$data/logs/identity-provider.log" 2>/dev/null && break
    if ! alive "$(cat "$pids/identity-provider.pid")"; then break; fi
    sleep 0.5
done
grep -q '^READY' "$data/logs/identity-provider.log" || {
    echo "The identity provider did not become ready; see $data/logs/identity-provider.log and $data/logs/keycloak.log" >&2
    tail -20 "$data/logs/identity-provider.log" >&2
    exit 1
}
link_demo_accounts

# The web portal signs in at the identity provider (client dcbeacon-web-portal) and calls the four services
QUARKUS_HTTP_PORT="$portal_port" \
DCBEACON_OIDC_URL="$DCBEACON_KEYCLOAK_ISSUER" \
DCBEACON_MEMBER_SERVICE_URL=http://127.0.0.1:8081 \
DCBEACON_BRAND_SERVICE_URL=http://127.0.0.1:8082 \
DCBEACON_BOX_SERVICE_URL=http://127.0.0.1:8083 \
DCBEACON_FEEDBACK_SERVICE_URL=http://127.0.0.1:8084 \
setsid java -Xmx128m -XX:+UseSerialGC -jar "$portal_jar" > "$data/logs/web-portal.log" 2>&1 < /dev/null &
echo $! > "$pids/web-portal.pid"
ready=0
for _ in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:$portal_port/q/health/ready" >/dev/null 2>&1; then ready=1; break; fi
    if ! alive "$(cat "$pids/web-portal.pid")"; then break; fi
    sleep 0.5
done
if [ "$ready" != 1 ]; then
    echo "web-portal did not become ready; see $data/logs/web-portal.log" >&2
    tail -20 "$data/logs/web-portal.log" >&2
    exit 1
fi

elapsed_ms=$(( ($(date +%s%N) - started) / 1000000 ))
printf 'All services ready in %d.%01d s:\n' $((elapsed_ms / 1000)) $((elapsed_ms % 1000 / 100))
for entry in "${services[@]}"; do
    IFS=: read -r name port _ <<< "$entry"
    printf '  %-17s http://localhost:%s  (OpenAPI: http://localhost:%s/q/swagger-ui)\n' "$name" "$port" "$port"
done
echo "  Web portal        http://localhost:$portal_port  (sign in as demo-member, demo-brand or an ops user below, or 'Register' for a new member)"
echo "  PostgreSQL        127.0.0.1:$postgres_port (user postgres, password postgres)"
echo "  Kafka             127.0.0.1:$kafka_port"
echo "  Mail catcher      SMTP 127.0.0.1:$smtp_port; read what was sent: http://localhost:$mail_web_port" \
    "(a member's inbox: http://localhost:$mail_web_port/api/user/<e-mail>/messages/)"
echo "  Keycloak          http://localhost:$DCBEACON_KEYCLOAK_PORT (realm dcbeacon; administrator: http://localhost:$DCBEACON_KEYCLOAK_PORT/admin," \
    "user admin, password in $data/keycloak/admin-password)"
echo "Demo users (user / password; a token: deploy/local/token.sh member|brand|support|warehouse|finance):"
echo "  demo-member    / demo-member-password     member $(cat "$data/demo-member-id")"
echo "  demo-brand     / demo-brand-password      brand $(cat "$data/demo-brand-id") (Demo Snacks)"
echo "  demo-support   / demo-support-password    ops-support"
echo "  demo-warehouse / demo-warehouse-password  ops-warehouse (packs, ships, delivers)"
echo "  demo-finance   / demo-finance-password    ops-finance (credits, price changes)"
echo "A new member: http://localhost:$DCBEACON_KEYCLOAK_PORT/realms/dcbeacon/account, 'Register', then under" \
    "'Account security' add a passkey; from then on 'Sign in with Passkey' needs no password. Their token signs them" \
    "up at member-service (POST /api/members), which links the account (docs/identity.md)."
echo "A box is charged only if it ships at least ${DCBEACON_BOX_PREVIEW_LEAD:-PT1M} after its preview was mailed" \
    "(DCBEACON_BOX_PREVIEW_LEAD; 5 days in production)."
echo "Logs: $data/logs. Ctrl-C or '$0 stop' stops."

if [ "${DCBEACON_DETACH:-0}" = 1 ]; then
    detached=1
    rm -f "$pids/run.pid"
    exit 0
fi
# Wait until stopped, or until a process dies on its own (then stop the rest and say which).
while true; do
    for pidfile in "$pids"/*.pid; do
        [ "$(basename "$pidfile")" = run.pid ] && continue
        if ! alive "$(cat "$pidfile")"; then
            echo "$(basename "$pidfile" .pid) stopped on its own; see $data/logs/$(basename "$pidfile" .pid).log" >&2
            exit 1
        fi
    done
    sleep 2 & wait $! || true
done
