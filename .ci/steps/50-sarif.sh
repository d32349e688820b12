#!/usr/bin/env bash
# Validates atslint's SARIF output for testdata/ with Microsoft's SARIF
# Multitool (npm package @microsoft/sarif-multitool-linux), failing on any
# error it reports. The tool is installed into a temporary directory, never
# into the repository; no schema file is committed.
set -euo pipefail
cd "$(dirname "$0")/../.."

version=${SARIF_MULTITOOL_VERSION:-5.7.0}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
  echo "installing npm (Debian)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
fi

echo "installing @microsoft/sarif-multitool-linux@$version into $tmp"
npm install --prefix "$tmp/npm" --no-audit --no-fund --no-save --silent "@microsoft/sarif-multitool-linux@$version"
multitool="$tmp/npm/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
chmod u+x "$multitool"
# The Multitool is a .NET program; invariant globalization spares it libicu.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1

go build -o "$tmp/atslint" ./cmd/atslint
code=0
"$tmp/atslint" check --format sarif --output "$tmp/testdata.sarif" testdata || code=$?
if [ "$code" -gt 1 ]; then
  echo "atslint check exited $code (usage error or unreadable input)"; exit 1
fi

"$multitool" validate "$tmp/testdata.sarif" --output "$tmp/validation.sarif" --log ForceOverwrite
# The Multitool exits 0 even when it finds errors: count them in its log.
node - "$tmp/testdata.sarif" "$tmp/validation.sarif" <<'JS'
const fs = require("fs");
const [input, log] = process.argv.slice(2).map(f => JSON.parse(fs.readFileSync(f, "utf8")));
const run = input.runs[0];
console.log(`checked: ${run.tool.driver.rules.length} rules, ${run.results.length} results`);
if (run.results.length === 0) { console.error("the SARIF of testdata has no results"); process.exit(1); }
let errors = 0, warnings = 0, notes = 0;
for (const r of log.runs.flatMap(x => x.results || [])) {
  const level = r.level || "warning";
  if (level === "error") errors++; else if (level === "warning") warnings++; else notes++;
}
for (const inv of log.runs.flatMap(x => x.invocations || [])) {
  if (inv.executionSuccessful === false) { console.error("Sarif.Multitool did not complete"); errors++; }
  for (const n of [...(inv.toolExecutionNotifications || []), ...(inv.toolConfigurationNotifications || [])]) {
    if ((n.level || "warning") === "error") { console.error("Sarif.Multitool: " + n.message.text); errors++; }
  }
}
console.log(`Sarif.Multitool validate: ${errors} errors, ${warnings} warnings, ${notes} notes`);
process.exit(errors ? 1 : 0);
JS
