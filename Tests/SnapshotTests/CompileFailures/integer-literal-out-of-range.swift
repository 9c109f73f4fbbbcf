// expect: integer literal '3000000000' overflows when stored into 'SQLExpression<PG.Integer, NotNull>'
// An integer literal is an integer (int4); a larger number must be a bigint constant.
import SQLBuilder

let query = shops { s, q, out in
  q.where(s.seats < 3_000_000_000)
}
