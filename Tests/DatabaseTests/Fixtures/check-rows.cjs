// Runs the compiled lib/queries/metrics.ts under Node on rows PostgreSQL returned as JSON, and
// compares each field's runtime type with the type metrics.ts declares for it, read with
// TypeScript's compiler API.
//
//   node check-rows.cjs <typescript.js> <folder>
//
// <folder> holds lib/queries/metrics.ts, its compiled out/metrics.js, and call.json:
// { "args": …, "rows": [the function's rows], "error": the error a failing call returned }.
// Prints one JSON report: the declared fields in order, what the client was called with, the
// runtime types seen per field, every mismatch, and what a failing call threw.

const fs = require('fs')
const path = require('path')
const [typescriptPath, folder] = process.argv.slice(2)
const ts = require(typescriptPath)

// The declared fields of MetricsDailyRow, in order, as `string | null`, `number`, …
const source = path.join(folder, 'lib/queries/metrics.ts')
const program = ts.createProgram([source], { strict: true, noEmit: true })
const checker = program.getTypeChecker()
const alias = program
  .getSourceFile(source)
  .statements.find((s) => ts.isTypeAliasDeclaration(s) && s.name.text === 'MetricsDailyRow')
const declared = checker
  .getTypeAtLocation(alias.name)
  .getProperties()
  .map((p) => ({ name: p.name, type: checker.typeToString(checker.getTypeOfSymbolAtLocation(p, alias)) }))

const metrics = require(path.join(folder, 'out/metrics.js'))
const call = JSON.parse(fs.readFileSync(path.join(folder, 'call.json'), 'utf8'))

async function main() {
  const calls = []
  const client = {
    rpc: async (fn, args) => {
      calls.push({ fn, args })
      return { data: call.rows, error: null }
    },
  }
  const rows = await metrics.getMetricsForRange(client, call.args)
  const seen = {}
  const mismatches = []
  rows.forEach((row, index) => {
    for (const key of Object.keys(row)) {
      if (!declared.some((field) => field.name === key)) mismatches.push(`row ${index}: ${key} is not declared`)
    }
    for (const { name, type } of declared) {
      if (!(name in row)) {
        mismatches.push(`row ${index}: ${name} is missing`)
        continue
      }
      const value = row[name]
      const actual = value === null ? 'null' : typeof value
      seen[name] = seen[name] || []
      if (!seen[name].includes(actual)) seen[name].push(actual)
      if (type !== 'unknown' && !type.split(' | ').includes(actual)) {
        mismatches.push(`row ${index}: ${name} is ${actual} (${JSON.stringify(value)}), declared ${type}`)
      }
    }
  })

  let thrown = null
  const failing = { rpc: async () => ({ data: null, error: call.error }) }
  try {
    await metrics.getMetricsForRange(failing, call.args)
  } catch (e) {
    thrown = { isRpcError: e instanceof metrics.RpcError, name: e.name, code: e.code, message: e.message }
  }
  console.log(JSON.stringify({ declared, calls, rows: rows.length, seen, mismatches, thrown }))
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
