// expect: cannot convert value of type 'SQLExpression<PG.Integer, NotNull>' to expected element type 'SQLExpression<PG.Text, NotNull>'
// IN compares with values of the operand's type.
import SQLBuilder

let query = shops { s, q, out in
  q.where(s.name.in([s.seats]))
}
