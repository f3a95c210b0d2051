#!/usr/bin/env bash
# Sourced by .ci/run and deploy/local/run.sh: exports JAVA_HOME pointing at a JDK 21 or newer.
# Looks at JAVA_HOME, the java on PATH, then /usr/lib/jvm/*; says what is missing when none fits.

dcbeacon_java_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

dcbeacon_find_jdk() {
    # A JAVA_HOME that already fits is respected as it is.
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(dcbeacon_java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
        export PATH="$JAVA_HOME/bin:$PATH"
        echo "Using JDK $(dcbeacon_java_major "$JAVA_HOME") at $JAVA_HOME" >&2
        return 0
    fi
    local candidates=()
    if command -v javac >/dev/null 2>&1; then
        candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
    fi
    local d
    for d in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
        [ -d "$d" ] && candidates+=("$d")
    done
    local best="" best_major=0 major
    for d in "${candidates[@]}"; do
        [ -x "$d/bin/javac" ] || continue
        major=$(dcbeacon_java_major "$d")
        [[ "$major" =~ ^[0-9]+$ ]] || continue
        if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
            best="$d"; best_major="$major"
        fi
    done
    if [ -z "$best" ]; then
        echo "No JDK 21 or newer found (looked at JAVA_HOME, javac on PATH and /usr/lib/jvm)." >&2
        echo "Install one (e.g. apt-get install openjdk-21-jdk-headless or Temurin 21+) or set JAVA_HOME to it." >&2
        return 1
    fi
    export JAVA_HOME="$best"
    export PATH="$JAVA_HOME/bin:$PATH"
    echo "Using JDK $best_major at $JAVA_HOME" >&2
}

dcbeacon_find_jdk
