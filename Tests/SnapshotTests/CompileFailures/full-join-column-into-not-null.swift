// expect: cannot convert value of type 'SQLExpression<PG.UUID, Nullable>' to expected argument type 'SQLExpression<PG.UUID, NotNull>'
// A FULL JOIN's joined side is nullable too.
import SQLBuilder

let query = shops { s, q, out in
  let other = q.fullJoin(Shops.self, as: "o") { $0.id == s.id }
  out.id(other.id)
  out.visits(count())
}
