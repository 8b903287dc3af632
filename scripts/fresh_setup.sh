#!/usr/bin/env bash
# Proves the README's promise: `make run`'s set-up works from a clean clone on a machine
# with Python 3.11, make and git but no gettext. Clones HEAD into a temporary folder, hides
# msgfmt (and every other gettext tool) from PATH, runs `make setup` (all of `make run` but
# the server) on SQLite, and checks that the translations and the content are in place.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

git clone --quiet . "$work/clone"
mkdir "$work/bin"
IFS=: read -ra dirs <<< "$PATH"
for dir in "${dirs[@]}"; do
  [ -d "$dir" ] || continue
  for tool in "$dir"/*; do
    name=$(basename "$tool")
    case "$name" in msg*|xgettext|gettext*) continue ;; esac
    [ -x "$tool" ] && [ ! -e "$work/bin/$name" ] && ln -s "$tool" "$work/bin/$name"
  done
done

cd "$work/clone"
if PATH="$work/bin" command -v msgfmt >/dev/null; then
  echo "msgfmt is still on PATH" >&2
  exit 1
fi
env -u DATABASE_URL PATH="$work/bin" make setup HOST_PORT=127.0.0.1:8000 > "$work/setup.log" 2>&1 || {
  cat "$work/setup.log" >&2
  exit 1
}
test -s locale/sv/LC_MESSAGES/django.mo
titles=$(env -u DATABASE_URL PATH="$work/bin" DEBUG=true SECRET_KEY="$(cat var/dev-secret-key)" \
  DJANGO_SETTINGS_MODULE=glossary.settings .venv/bin/python -c \
  "import django; django.setup(); from titles.models import Title; print(Title.objects.count())")
[ "$titles" -ge 120 ] || { echo "only $titles titles loaded" >&2; exit 1; }
echo "fresh clone without gettext: make setup OK, $titles titles, translations compiled"
