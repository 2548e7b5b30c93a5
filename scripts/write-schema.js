/*
 * `npm run schema`: writes schema/supply-plan-2.schema.json, the JSON Schema of the plan file format, generated
 * from the zod schema in src/plan (via the build in dist/). test/cli/schema.test.ts keeps the committed file equal
 * to what `supply-plan schema` prints.
 */
const fs = require('fs');
const path = require('path');
const { schemaText } = require('../dist/cli/main.js');

const out = path.join(__dirname, '..', 'schema', 'supply-plan-2.schema.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
const text = schemaText();
const before = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : null;
fs.writeFileSync(out, text);
console.log(`${path.relative(process.cwd(), out)} ${before === text ? 'unchanged' : 'written'} (${text.length} bytes)`);
