// expect: cannot convert value of type 'SQLExpression<PG.Integer, NotNull>' to expected argument type 'SQLExpression<PG.Boolean, NotNull>'
// AND joins conditions, not numbers.
import SQLBuilder

let query = shops { s, q, out in
  q.where(s.seats && s.seats)
}
