#!/usr/bin/env bash
# Rebuild src/charts/vendor/echarts.rapport.min.js from the npm packages
# pinned in package-lock.json (needs the npm registry; the Rust build never
# runs this). See src/charts/vendor/README.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
VENDOR=../../src/charts/vendor
npm ci --ignore-scripts --no-audit --no-fund
node_modules/.bin/esbuild entry.js --bundle --minify --format=iife --target=es2020 \
  --define:process.env.NODE_ENV='"production"' --legal-comments=none \
  --banner:js="/* Apache ECharts $(node -p "require('echarts/package.json').version") (echarts/core: bar, line, pie, grid, legend, SVG renderer), bundled by tools/echarts-bundle. Licence: LICENSE and NOTICE beside this file. */" \
  --outfile="$VENDOR/echarts.rapport.min.js"
cp node_modules/echarts/LICENSE node_modules/echarts/NOTICE "$VENDOR/"
sha256sum "$VENDOR/echarts.rapport.min.js"
