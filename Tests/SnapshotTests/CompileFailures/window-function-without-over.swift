// expect: cannot convert value of type 'WindowFunction<PG.BigInt, NotNull>' to expected argument type 'SQLExpression<PG.BigInt, NotNull>'
// row_number() means nothing without OVER (…).
import SQLBuilder

let query = shops { s, q, out in
  out.visits(rowNumber())
}
