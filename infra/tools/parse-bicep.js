#!/usr/bin/env node
// Syntax check for Bicep files with the tree-sitter-bicep grammar (no Bicep compiler is needed).
//
//   node infra/tools/parse-bicep.js FILE...          prints FILE:LINE:COLUMN: message per syntax error
//   node infra/tools/parse-bicep.js --json FILE...   prints one JSON document: errors and the literal values of
//                                                    each file's params, vars and outputs, and its module paths
//
// Exit code: 0 when every file parses, 1 when any has a syntax error, 2 on bad usage or an unreadable file.
// Lines and columns are 1-based. A literal value is turned into JSON; an expression that is not a literal becomes
// {"$expr": "<source text>"}, a condition becomes {"$if": "<condition>", "then": ..., "else": ...}, and an interpolated
// string keeps its ${...} parts as written.
'use strict';

const fs = require('fs');
const Parser = require('tree-sitter');
const Bicep = require('tree-sitter-bicep');

function errorsOf(tree) {
  const errors = [];
  const visit = (node) => {
    if (node.type === 'ERROR') {
      const text = node.text.split('\n')[0].slice(0, 60);
      errors.push({ line: node.startPosition.row + 1, column: node.startPosition.column + 1, message: `unexpected '${text}'` });
      return;
    }
    if (node.isMissing) {
      errors.push({ line: node.startPosition.row + 1, column: node.startPosition.column + 1, message: `missing '${node.type}'` });
      return;
    }
    if (node.hasError) {
      for (const child of node.children) {
        visit(child);
      }
    }
  };
  visit(tree.rootNode);
  return errors;
}

function stringValue(node) {
  let text = '';
  for (const part of node.namedChildren) {
    if (part.type === 'string_content') {
      text += part.text;
    } else if (part.type === 'escape_sequence') {
      const escapes = { "\\'": "'", '\\\\': '\\', '\\n': '\n', '\\r': '\r', '\\t': '\t', '\\$': '$' };
      text += escapes[part.text] ?? part.text;
    } else {
      text += part.text;
    }
  }
  return text;
}

function valueOf(node) {
  switch (node.type) {
    case 'string':
      return stringValue(node);
    case 'number':
      return Number(node.text);
    case 'boolean':
      return node.text === 'true';
    case 'null':
      return null;
    case 'array':
      return node.namedChildren.filter((c) => c.type !== 'comment' && c.type !== 'decorators').map(valueOf);
    case 'object': {
      const result = {};
      for (const property of node.namedChildren.filter((c) => c.type === 'object_property')) {
        const [key, value] = property.namedChildren.filter((c) => c.type !== 'comment');
        const name = key.type === 'string' ? stringValue(key) : key.text;
        result[name] = value ? valueOf(value) : null;
      }
      return result;
    }
    case 'ternary_expression':
      return {
        $if: node.childForFieldName('condition').text,
        then: valueOf(node.childForFieldName('consequence')),
        else: valueOf(node.childForFieldName('alternative')),
      };
    default:
      return { $expr: node.text };
  }
}

function declarationsOf(tree) {
  const declarations = { params: {}, vars: {}, outputs: {}, modules: {} };
  for (const statement of tree.rootNode.namedChildren) {
    const parts = statement.namedChildren.filter((c) => c.type !== 'decorators' && c.type !== 'comment');
    const name = parts.find((c) => c.type === 'identifier')?.text;
    const last = parts[parts.length - 1];
    if (statement.type === 'parameter_declaration' && name) {
      declarations.params[name] = last && last.type !== 'identifier' && last.type !== 'type' ? valueOf(last) : undefined;
    } else if (statement.type === 'variable_declaration' && name) {
      declarations.vars[name] = valueOf(last);
    } else if (statement.type === 'output_declaration' && name) {
      declarations.outputs[name] = valueOf(last);
    } else if (statement.type === 'module_declaration' && name) {
      const path = parts.find((c) => c.type === 'string');
      declarations.modules[name] = path ? stringValue(path) : null;
    }
  }
  return declarations;
}

const args = process.argv.slice(2);
const json = args[0] === '--json';
const files = json ? args.slice(1) : args;
if (files.length === 0) {
  process.stderr.write('usage: parse-bicep.js [--json] FILE...\n');
  process.exit(2);
}

const parser = new Parser();
parser.setLanguage(Bicep);
const report = [];
let failed = false;
for (const file of files) {
  let source;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch (e) {
    process.stderr.write(`${file}: cannot be read: ${e.message}\n`);
    process.exit(2);
  }
  // The binding's default buffer is 32 KiB; give it room for the whole file.
  const tree = parser.parse(source, undefined, { bufferSize: Math.max(32 * 1024, source.length * 2 + 1024) });
  const errors = errorsOf(tree);
  failed ||= errors.length > 0;
  report.push({ file, errors, ...declarationsOf(tree) });
}

if (json) {
  process.stdout.write(JSON.stringify({ files: report }, null, 2) + '\n');
} else {
  for (const { file, errors } of report) {
    for (const e of errors) {
      process.stdout.write(`${file}:${e.line}:${e.column}: ${e.message}\n`);
    }
  }
}
process.exit(failed ? 1 : 0);
