#!/usr/bin/env bash
# Prints an access token from the local stack's identity provider (Keycloak, started by run.sh), taken with a user's
# password through the scripts client (dcbeacon-scripts). Tokens last 5 minutes.
#   deploy/local/token.sh member|brand|support|warehouse|finance   a demo user (run.sh prints them)
#   deploy/local/token.sh USERNAME PASSWORD                        any user of the realm
# e.g. curl -H "Authorization: Bearer $(deploy/local/token.sh support)" localhost:8082/api/brands
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
dcbeacon_require "curl:asking the identity provider" || exit 1

user="${1:-}"; password="${2:-}"
case "$user" in
    member|brand|support|warehouse|finance) [ -n "$password" ] || { password="demo-$user-password"; user="demo-$user"; } ;;
    "") echo "usage: $0 member|brand|support|warehouse|finance, or $0 USERNAME PASSWORD" >&2; exit 2 ;;
    *) [ -n "$password" ] || { echo "usage: $0 USERNAME PASSWORD" >&2; exit 2; } ;;
esac

answer=$(curl -s -X POST "$DCBEACON_KEYCLOAK_URL/realms/dcbeacon/protocol/openid-connect/token" \
    --data-urlencode grant_type=password --data-urlencode client_id=dcbeacon-scripts \
    --data-urlencode "username=$user" --data-urlencode "password=$password") || {
    echo "The identity provider does not answer at $DCBEACON_KEYCLOAK_URL: is deploy/local/run.sh running?" >&2
    exit 1
}
token=$(printf '%s' "$answer" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || { echo "No token for $user: $answer" >&2; exit 1; }
echo "$token"
