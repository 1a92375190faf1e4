#!/usr/bin/env bash
# Browser test of the HTML reading view (`extract --html`): opens every page in headless
# Chromium and checks from the DOM that every entity and claim row is highlighted exactly once,
# that article text never runs as markup, and that nothing is loaded from the network. Saves
# out/screenshot_ar.png and out/screenshot_fa.png.
#
# Needs: chromium (installed with apt-get when missing), node + npm (playwright-core is
# installed into out/.browser-test, which git ignores).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver >/dev/null
fi
export CHROMIUM="${CHROMIUM:-$(command -v chromium)}"
pw=out/.browser-test
if [ ! -d "$pw/node_modules/playwright-core" ]; then
    mkdir -p "$pw"
    npm install --silent --no-audit --no-fund --prefix "$pw" playwright-core@1 >/dev/null
fi

cargo build --release --quiet
isnad=target/release/isnad

rm -rf out/fixtures out/html
"$isnad" extract fixtures/articles --out out/fixtures --html out/html -q

# An article that tries to run script in the reading view, next to real mentions and claims.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/articles/en" "$tmp/articles/ar"
cat >"$tmp/articles/en/xss.txt" <<'EOF'
Microsoft said <script>window.__pwned=1</script> that Iran targeted the Trump campaign.
Iran denied the report, saying: "<img src=x onerror="window.__pwned=1"> is not our work."
"</mark></span><script>window.__pwned=1</script>" Tehran said on Sunday.
EOF
cat >"$tmp/articles/ar/xss.txt" <<'EOF'
نفت إيران <script>window.__pwned=1</script> اتهامات مايكروسوفت، وقال ناصر كنعاني إن "<img src=x onerror="window.__pwned=1">" ملفقة.
EOF
"$isnad" extract "$tmp/articles" --out "$tmp/tables" --html out/html_xss -q

node scripts/browser_test.mjs "$pw" out/fixtures out/html "$tmp/tables" out/html_xss
