#!/usr/bin/env bash
# Shared by run.sh and token.sh: the local token issuer and its RSA key pair.
DCBEACON_LOCAL_ISSUER="https://auth.dcbeacon.local"

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

# Creates an RSA key pair for signing local tokens, once.
dcbeacon_ensure_keys() {
    local dir="$1"
    if [ ! -f "$dir/private.pem" ]; then
        mkdir -p "$dir"
        openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/private.pem" 2>/dev/null
        openssl pkey -in "$dir/private.pem" -pubout -out "$dir/public.pem"
        chmod 600 "$dir/private.pem"
    fi
}

dcbeacon_b64url() {
    openssl base64 -A | tr '+/' '-_' | tr -d '='
}
