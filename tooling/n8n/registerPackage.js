/**
 * Records the community package in n8n's SQLite database (installed_packages and installed_nodes), as
 * n8n's CommunityPackagesService does after an install from the UI. Run by communityPackage.ts with
 * n8n's own Node (the ABI its sqlite3 module was built for):
 *   node registerPackage.js <path of n8n's sqlite3 module> <database path> <JSON {name, version, author, nodes}>
 */
'use strict';
const [sqlitePath, dbPath, payload] = process.argv.slice(2);
const sqlite3 = require(sqlitePath);
const p = JSON.parse(payload);
const db = new sqlite3.Database(dbPath);
const now = "STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW')";
db.serialize(() => {
	db.run('BEGIN');
	db.run('DELETE FROM installed_nodes WHERE package = ?', [p.name]);
	db.run(`INSERT INTO installed_packages (packageName, installedVersion, authorName, authorEmail, createdAt, updatedAt)
		VALUES (?, ?, ?, ?, ${now}, ${now})
		ON CONFLICT(packageName) DO UPDATE SET installedVersion = excluded.installedVersion, updatedAt = ${now}`,
		[p.name, p.version, p.author.name ?? null, p.author.email ?? null]);
	for (const n of p.nodes) db.run('INSERT INTO installed_nodes (name, type, latestVersion, package) VALUES (?, ?, ?, ?)', [n.name, n.type, n.latestVersion, p.name]);
	db.run('COMMIT', (error) => {
		if (error) { console.error(error.message); process.exitCode = 1; }
		db.close();
	});
});
