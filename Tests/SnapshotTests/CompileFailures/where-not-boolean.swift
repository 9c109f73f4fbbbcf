// expect: cannot convert value of type 'SQLExpression<PG.Integer, NotNull>' to expected argument type 'SQLExpression<PG.Boolean, NotNull>'
// WHERE takes a condition.
import SQLBuilder

let query = shops { s, q, out in
  q.where(s.seats)
}
