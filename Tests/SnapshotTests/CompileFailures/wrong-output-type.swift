// expect: cannot convert value of type 'SQLExpression<PG.Integer, NotNull>' to expected argument type 'SQLExpression<PG.BigInt, NotNull>'
// An output column takes exactly its declared type: integer is not bigint.
import SQLBuilder

let query = shops { s, q, out in
  out.id(s.id)
  out.visits(s.seats)
}
