// expect: cannot convert value of type 'SQLExpression<PG.Numeric, Nullable>' to expected argument type 'SQLExpression<PG.Text, Nullable>'
// COALESCE of text and numeric: PostgreSQL rejects it, so the DSL does not compile it.
import SQLBuilder

let query = shops { s, q, out in
  q.where(coalesce(s.name, s.spend).isNull)
}
