// Copies the non-TypeScript assets into dist/: icons (binary-safe) and node codex files.
const { src, dest, parallel } = require('gulp');

function copyIcons() {
	return src('icons/**/*.{png,svg}', { encoding: false }).pipe(dest('dist/icons'));
}

function copyNodeAssets() {
	return src('nodes/**/*.{png,svg,json}', { encoding: false }).pipe(dest('dist/nodes'));
}

exports['build:icons'] = parallel(copyIcons, copyNodeAssets);
