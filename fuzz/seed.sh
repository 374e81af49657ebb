#!/usr/bin/env bash
# Seeds each fuzz target's corpus from the repository's own test files, so the
# fuzzers start from drafts, fact files and rules that already mean something.
# Writes fuzz/seeds/<target>/ (not committed); run from anywhere.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seeds="$root/fuzz/seeds"
rm -rf "$seeds"
mkdir -p "$seeds/check_draft" "$seeds/fact_file" "$seeds/rules_file"

# check_draft: a byte choosing Markdown or plain text, the as-of date and the
# report format (see the target), then the draft. Each draft of the tests as Markdown and as plain text, and each
# example sentence of the mention table.
n=0
seed_draft() {
  local file="$1"
  # Every format, as Markdown with a date and as plain text without.
  for choice in 00 04 08 0c 10 14 03 07 0b 0f 13 17; do
    n=$((n + 1))
    { printf "\\x$choice"; cat "$file"; } > "$seeds/check_draft/$n"
  done
}
for file in "$root"/tests/drafts/*.md; do seed_draft "$file"; done
tmp="$(mktemp)"
# The table's last column is the sentence, with ⟦ ⟧ around the expected span.
awk -F'\t' 'NR > 1 && $1 !~ /^#/ { print $NF }' "$root/tests/mentions/examples.tsv" |
  sed 's/⟦//g; s/⟧//g' | sort -u |
  while IFS= read -r sentence; do
    [ -n "$sentence" ] || continue
    printf '%s\n' "$sentence" > "$tmp"
    n=$((n + 1))
    { printf "\\x$(printf '%02x' $(( (n % 6) * 4 + 1 )))"; cat "$tmp"; } > "$seeds/check_draft/m$n"
  done
rm -f "$tmp"

# fact_file: the bundled fact files and every fixture's.
find "$root/claims" "$root/tests/fixtures" -name '*.yaml' | while read -r file; do
  cp "$file" "$seeds/fact_file/$(echo "$file" | sed "s|$root/||; s|/|_|g")"
done

# rules_file: a byte choosing the file, then the bundled text of that file.
i=0
for name in lexicon context mentions holidays hedges names triggers references units titles properties; do
  { printf "\\x$(printf '%02x' "$i")"; cat "$root/rules/$name.yaml"; } > "$seeds/rules_file/$name"
  i=$((i + 1))
done

for target in check_draft fact_file rules_file; do
  echo "$target: $(ls "$seeds/$target" | wc -l) seeds"
done
