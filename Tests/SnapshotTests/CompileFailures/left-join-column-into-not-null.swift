// expect: cannot convert value of type 'SQLExpression<PG.UUID, Nullable>' to expected argument type 'SQLExpression<PG.UUID, NotNull>'
// A LEFT JOIN's columns are NULL where no row matched; the join's handle types them nullable.
import SQLBuilder

let query = shops { s, q, out in
  let manager = q.leftJoin(Shops.self, as: "m") { $0.id == s.manager }
  out.id(manager.id)
  out.visits(count())
}
