// expect: cannot convert value of type 'SQLExpression<PG.Integer, NotNull>' to expected argument type 'SQLExpression<PG.UUID, NotNull>'
// Comparing a uuid to an integer.
import SQLBuilder

let query = shops { s, q, out in
  q.where(s.id == s.seats)
}
