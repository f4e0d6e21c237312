// Bundles src/app.js and src/app.css into ../internal/web/static/dist.
// The output is committed so `go build` needs no npm. Run: npm run build.
import * as esbuild from 'esbuild';
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const outdir = new URL('../internal/web/static/dist/', import.meta.url).pathname;

const common = {
  bundle: true,
  minify: true,
  // Licence headers of htmx, Alpine and ECharts are kept, gathered at the end of the file.
  legalComments: 'eof',
  logLevel: 'warning',
  absWorkingDir: new URL('.', import.meta.url).pathname,
};

await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: ['src/app.js'],
    outfile: outdir + 'app.js',
    format: 'iife',
    target: 'es2019',
    platform: 'browser',
    define: { 'process.env.NODE_ENV': '"production"' },
  }),
  esbuild.build({
    ...common,
    entryPoints: ['src/app.css'],
    outfile: outdir + 'app.css',
    target: ['chrome87', 'safari14', 'firefox78', 'edge88'],
    external: ['*.svg', '*.png', '*.woff2'],
  }),
]);

for (const f of ['app.js', 'app.css']) {
  const p = outdir + f;
  const size = statSync(p).size;
  const gz = gzipSync(readFileSync(p)).length;
  console.log(`${f.padEnd(8)} ${(size / 1024).toFixed(1)} KiB (gzip ${(gz / 1024).toFixed(1)} KiB)`);
}
