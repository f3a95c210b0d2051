#!/usr/bin/env bash
# Prints a signed JWT that the local stack accepts:
#   deploy/local/token.sh member <member-id>
#   deploy/local/token.sh brand  <user-name> <brand-id>
#   deploy/local/token.sh ops    <user-name>
# e.g. curl -H "Authorization: Bearer $(deploy/local/token.sh ops alice)" localhost:8082/api/brands
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
data="${DCBEACON_DATA_DIR:-$here/data}"
# shellcheck source=lib.sh
source "$here/lib.sh"
dcbeacon_require "openssl:signing the token" || exit 1

role="${1:-}"; subject="${2:-}"; brand_id="${3:-}"
case "$role" in
    member|ops) ;;
    brand) [ -n "$brand_id" ] || { echo "a brand token needs a BRAND_ID: $0 brand SUBJECT BRAND_ID" >&2; exit 2; } ;;
    *) echo "usage: $0 member|brand|ops SUBJECT [BRAND_ID]" >&2; exit 2 ;;
esac
[ -n "$subject" ] || { echo "usage: $0 $role SUBJECT${brand_id:+ BRAND_ID}" >&2; exit 2; }

dcbeacon_ensure_keys "$data/jwt"
now=$(date +%s)
header='{"alg":"RS256","typ":"JWT"}'
claims=$(printf '{"iss":"%s","sub":"%s","upn":"%s","groups":["%s"],"iat":%d,"exp":%d,"jti":"%s"%s}' \
    "$DCBEACON_LOCAL_ISSUER" "$subject" "$subject" "$role" "$now" "$((now + 3600))" "$(openssl rand -hex 16)" \
    "${brand_id:+,\"brand_id\":\"$brand_id\"}")
unsigned="$(printf '%s' "$header" | dcbeacon_b64url).$(printf '%s' "$claims" | dcbeacon_b64url)"
signature=$(printf '%s' "$unsigned" | openssl dgst -sha256 -sign "$data/jwt/private.pem" -binary | dcbeacon_b64url)
echo "$unsigned.$signature"
