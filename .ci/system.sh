#!/usr/bin/env bash
# The Debian packages the tests need and the machine lacks, in one apt-get run: chromium for
# test/browser, postgresql for test/postgres. (browser.sh and postgres.sh install on their own
# only if this did not.)
set -uo pipefail
missing=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "ci: installing ${missing[*]} (apt-get)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
