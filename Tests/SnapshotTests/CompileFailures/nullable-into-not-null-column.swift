// expect: cannot convert value of type 'SQLExpression<PG.UUID, Nullable>' to expected argument type 'SQLExpression<PG.UUID, NotNull>'
// A possibly-NULL expression cannot fill a column declared NOT NULL.
import SQLBuilder

let query = shops { s, q, out in
  out.id(s.manager)
}
