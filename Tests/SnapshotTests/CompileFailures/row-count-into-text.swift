// expect: cannot convert value of type 'Variable<PG.Text>' to expected argument type 'Variable<PG.BigInt>'
// GET DIAGNOSTICS … ROW_COUNT stores a bigint.
import SQLBuilder

let rows = Variable<PG.Text>("v_rows")
let statement = GetDiagnostics(rows, .rowCount)
