// The webpack 5 consumer app's build: a plain production configuration with nothing reshelf-specific. The
// worker must come out of the build only because the package references it with
// `new Worker(new URL(..., import.meta.url))`. `loaders` is where ts-loader is installed (this repository's
// devDependencies); everything else (reshelf and its dependencies) resolves from the app's own node_modules.
import { join } from 'node:path';
import type { Configuration } from 'webpack';

export function webpackConfig({ appDir, loaders }: { appDir: string; loaders: string }): Configuration {
  return {
    mode: 'production',
    context: appDir,
    entry: { main: './src/webpackMain.ts' },
    output: { path: join(appDir, 'dist-webpack'), filename: '[name].js', chunkFilename: 'chunks/[name].[contenthash:8].js', publicPath: 'auto', clean: true },
    target: ['web', 'es2022'],
    devtool: false,
    resolve: { extensions: ['.ts', '.js'] },
    resolveLoader: { modules: [loaders] },
    module: {
      rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: 'ts-loader', options: { transpileOnly: true, onlyCompileBundledFiles: true, compilerOptions: { noEmit: false, module: 'esnext', target: 'es2022' } } } }],
    },
    performance: { hints: false },
    // Production mode without terser: minifying tfjs (in the worker chunk) took most of a minute on the 2-core CI
    // machine, and what this test proves (chunks, worker and asset URLs) does not depend on minification.
    optimization: { minimize: false },
  };
}
