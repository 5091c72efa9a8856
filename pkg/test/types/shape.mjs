// A checker of values against the types index.d.ts declares, derived from
// the declarations themselves by the TypeScript compiler: no second list of
// keys to keep in step with report.d.ts. `problems(value, 'Report')` lists
// every place where a value does not have its declared shape: a key the
// types do not declare, a declared key that is missing, a value of another
// type (a number where a string is declared, a string outside a literal
// union, …).

import { join } from 'node:path';
import ts from 'typescript';
import { root } from '../helpers.mjs';

/** The checker over `index.d.ts` (or another entry, for tests of this checker). */
export function shapes(entry = join(root, 'pkg/index.d.ts'), host = undefined) {
  // As test/types/tsconfig.json: `Symbol.dispose` is in esnext.
  const options = {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.esnext.d.ts', 'lib.dom.d.ts'],
  };
  const program = ts.createProgram([entry], options, host);
  const errors = ts.getPreEmitDiagnostics(program);
  if (errors.length > 0) {
    throw new Error(ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' }));
  }
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(entry));
  const exported = new Map(
    checker.getExportsOfModule(module).map((s) => [s.name, s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s]),
  );

  /** The declared type named `name`; for a class, the type of its instances. */
  function declared(name) {
    const symbol = exported.get(name);
    if (!symbol) throw new Error(`index.d.ts exports no type ${name}`);
    return checker.getDeclaredTypeOfSymbol(symbol);
  }

  function walk(value, type, path, out) {
    const flags = type.flags;
    if (flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return;
    if (type.isUnion()) {
      const tried = type.types.map((member) => {
        const found = [];
        walk(value, member, path, found);
        return found;
      });
      if (!tried.some((found) => found.length === 0)) {
        // The closest member's problems, else a summary.
        const closest = tried.filter((f) => !f.every((p) => p.startsWith(`${path}: `))).sort((a, b) => a.length - b.length)[0];
        out.push(...(closest ?? [`${path}: ${show(value)} is not ${checker.typeToString(type)}`]));
      }
      return;
    }
    const scalar = scalarMismatch(value, type);
    if (scalar !== undefined) {
      if (scalar) out.push(`${path}: ${show(value)} is not ${checker.typeToString(type)}`);
      return;
    }
    if (checker.isArrayType(type)) {
      if (!Array.isArray(value)) return void out.push(`${path}: ${show(value)} is not an array`);
      const [element] = checker.getTypeArguments(type);
      value.forEach((item, i) => walk(item, element, `${path}[${i}]`, out));
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return void out.push(`${path}: ${show(value)} is not ${checker.typeToString(type)}`);
    }
    const properties = new Map(checker.getPropertiesOfType(type).map((p) => [p.name, p]));
    const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
    for (const [name, property] of properties) {
      const propertyType = checker.getTypeOfSymbol(property);
      if (propertyType.getCallSignatures().length > 0) continue; // a method
      if (!(name in value)) {
        if (!(property.flags & ts.SymbolFlags.Optional)) out.push(`${path}.${name}: missing (declared ${checker.typeToString(propertyType)})`);
        continue;
      }
      walk(value[name], propertyType, `${path}.${name}`, out);
    }
    for (const key of Object.keys(value)) {
      if (properties.has(key)) continue;
      if (index) walk(value[key], index.type, `${path}[${JSON.stringify(key)}]`, out);
      else out.push(`${path}.${key}: not declared`);
    }
  }

  /**
   * For a type without members: whether `value` fails it (true/false), or
   * undefined when `type` is an object or array type.
   */
  function scalarMismatch(value, type) {
    const f = type.flags;
    if (f & ts.TypeFlags.Null) return value !== null;
    if (f & ts.TypeFlags.Undefined) return value !== undefined;
    if (f & ts.TypeFlags.StringLiteral) return value !== type.value;
    if (f & ts.TypeFlags.NumberLiteral) return value !== type.value;
    if (f & ts.TypeFlags.BooleanLiteral) return value !== (checker.typeToString(type) === 'true');
    if (f & ts.TypeFlags.String) return typeof value !== 'string';
    if (f & ts.TypeFlags.Number) return typeof value !== 'number';
    if (f & ts.TypeFlags.Boolean) return typeof value !== 'boolean';
    return undefined;
  }

  return {
    /** Every place where `value` differs from the declared type `name`. */
    problems(value, name) {
      const out = [];
      walk(value, declared(name), name, out);
      return out;
    },
  };
}

function show(value) {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
