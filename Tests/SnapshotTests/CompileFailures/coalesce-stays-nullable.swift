// expect: cannot assign value of type 'SQLExpression<PG.Numeric, Nullable>' to type 'SQLExpression<PG.Numeric, NotNull>'
// COALESCE is NOT NULL only when its last argument is.
import SQLBuilder

let query = shops { s, q, out in
  let spend: SQLExpression<PG.Numeric, NotNull> = coalesce(s.spend, s.spend)
}
