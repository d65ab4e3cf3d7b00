// Generates addon/test/fakes/gas-surface.generated.json from @types/google-apps-script: every class
// (interface) of the namespaces the add-in may touch with its methods and properties, every enum
// with its members, and each global service's type. The fakes are checked against it: a declared
// method the fake lacks throws "not implemented in the fake"; a member the types lack throws.
// Run: node addon/scripts/gen-gas-surface.ts (the test gas-surface.test.ts fails when stale).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const typesDir = dirname(require.resolve('@types/google-apps-script/package.json'));
export const SURFACE_FILE = join(here, '..', 'test', 'fakes', 'gas-surface.generated.json');

/** The type files of the services the add-in and its fakes use. */
const FILES = [
  'base',
  'spreadsheet',
  'html',
  'properties',
  'lock',
  'cache',
  'url-fetch',
  'script',
  'utilities',
  'types',
  'charts',
  // The Sheets advanced service (Sheets.Spreadsheets.get / batchUpdate): its collections; the
  // Schema interfaces are plain request/response objects, not services, and are left out.
  'apis/sheets_v4',
];

export interface Surface {
  version: string;
  /** "Spreadsheet.Range" → its methods and its non-method properties (name → referenced type). */
  classes: Record<string, { methods: string[]; properties: Record<string, string> }>;
  /** "Spreadsheet.BooleanCriteria" → members. */
  enums: Record<string, string[]>;
  /** Global name → class, e.g. SpreadsheetApp → "Spreadsheet.SpreadsheetApp". */
  globals: Record<string, string>;
}

export function generateSurface(): Surface {
  const pkg = JSON.parse(readFileSync(join(typesDir, 'package.json'), 'utf8')) as { version: string };
  const surface: Surface = { version: pkg.version, classes: {}, enums: {}, globals: {} };
  for (const f of FILES) {
    const path = join(typesDir, f.startsWith('apis/') ? `${f}.d.ts` : `google-apps-script.${f}.d.ts`);
    const src = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node, ns: string[]): void => {
      if (ts.isModuleDeclaration(node) && node.body) {
        const inner = [...ns, node.name.getText(src)];
        if (ts.isModuleBlock(node.body)) for (const s of node.body.statements) visit(s, inner);
        else visit(node.body, inner);
        return;
      }
      const scope = ns.filter((n) => n !== 'GoogleAppsScript').join('.');
      const qualify = (name: string): string => (scope ? `${scope}.${name}` : name);
      if (ts.isInterfaceDeclaration(node) && ns.length > 0) {
        const key = qualify(node.name.text);
        if (key.startsWith('Sheets.Schema.')) return;
        surface.classes[key] ??= { methods: [], properties: {} };
        const entry = surface.classes[key];
        for (const m of node.members) {
          const name = m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) ? m.name.text : null;
          if (!name) continue;
          if (ts.isMethodSignature(m)) {
            if (!entry.methods.includes(name)) entry.methods.push(name);
          } else if (ts.isPropertySignature(m)) {
            const t = m.type;
            entry.properties[name] =
              t && ts.isTypeQueryNode(t)
                ? resolve(t.exprName.getText(src), scope)
                : (t?.getText(src) ?? 'any');
          }
        }
        return;
      }
      if (ts.isEnumDeclaration(node)) {
        surface.enums[qualify(node.name.text)] = node.members.map((m) => m.name.getText(src));
        return;
      }
      if (ts.isVariableStatement(node) && ns.length === 0) {
        for (const d of node.declarationList.declarations) {
          // `declare var Sheets: GoogleAppsScript.Sheets | undefined` (an advanced service may be off).
          const t = (d.type?.getText(src) ?? '').replace(/\s*\|\s*undefined$/, '');
          if (t.startsWith('GoogleAppsScript.'))
            surface.globals[d.name.getText(src)] = t.slice('GoogleAppsScript.'.length);
        }
      }
    };
    for (const s of src.statements) visit(s, []);
  }
  for (const c of Object.values(surface.classes)) c.methods.sort();
  return surface;
}

/** `typeof X` inside namespace `scope` → the enum's qualified name ("Base.ColorType" stays as it is). */
function resolve(name: string, scope: string): string {
  return name.includes('.') ? name : `${scope}.${name}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const s = generateSurface();
  writeFileSync(SURFACE_FILE, `${JSON.stringify(s, null, 1)}\n`);
  console.log(
    `${SURFACE_FILE}: ${Object.keys(s.classes).length} classes, ${Object.keys(s.enums).length} enums (types ${s.version})`,
  );
}
