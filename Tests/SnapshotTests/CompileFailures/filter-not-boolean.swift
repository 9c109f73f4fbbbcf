// expect: cannot convert value of type 'SQLExpression<PG.Integer, NotNull>' to expected argument type 'SQLExpression<PG.Boolean, NotNull>'
// An aggregate's FILTER takes a condition.
import SQLBuilder

let query = shops { s, q, out in
  out.visits(count(filter: s.seats))
}
