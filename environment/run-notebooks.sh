#!/usr/bin/env bash
# Executes the notebooks headless (all, or the ones named) and regenerates their figures: figures/quick/ in the
# QUICK profile, figures/ at paper scale. Profile QUICK by default;
# CREDITLAB_PROFILE=FULL (or --profile FULL) for the papers' scale. Run environment/setup.sh once before.
set -euo pipefail
cd "$(dirname "$0")/.."
python=/usr/bin/python3
"$python" -c "import nbconvert, nbclient" 2>/dev/null || python=python3
exec "$python" environment/run_notebooks.py "$@"
