// expect: cannot assign value of type 'SQLExpression<PG.Integer, Nullable>' to type 'SQLExpression<PG.Integer, NotNull>'
// The sources before a FULL JOIN, read through q.nullable, are nullable as well.
import SQLBuilder

let query = shops { s, q, out in
  let before = q.nullable(s)
  let sum: SQLExpression<PG.Integer, NotNull> = before.seats
}
