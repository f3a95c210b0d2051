#!/usr/bin/env bash
# Shared by run.sh and token.sh: where the local identity provider (Keycloak) answers.
DCBEACON_KEYCLOAK_PORT="${DCBEACON_KEYCLOAK_PORT:-18080}"
DCBEACON_KEYCLOAK_URL="http://127.0.0.1:$DCBEACON_KEYCLOAK_PORT"
# The issuer of its tokens and the address of its pages: localhost, as browsers refuse passkeys on an IP address
DCBEACON_KEYCLOAK_ISSUER="http://localhost:$DCBEACON_KEYCLOAK_PORT/realms/dcbeacon"

# Fails naming every command that is missing, with what it is needed for and, where it differs from the command, the
# package that has it: dcbeacon_require "openssl:signing keys" "setsid:process groups:util-linux" ...
dcbeacon_require() {
    local entry command purpose package missing=() packages=()
    for entry in "$@"; do
        IFS=: read -r command purpose package <<< "$entry"
        command -v "$command" >/dev/null 2>&1 && continue
        missing+=("  $command (for $purpose${package:+; package $package})")
        packages+=("${package:-$command}")
    done
    [ "${#missing[@]}" = 0 ] && return 0
    echo "Missing on this machine:" >&2
    printf '%s\n' "${missing[@]}" >&2
    echo "Install it (Debian/Ubuntu: apt-get install ${packages[*]}) and run again." >&2
    return 1
}
