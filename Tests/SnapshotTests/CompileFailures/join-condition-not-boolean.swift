// expect: cannot convert value of type '(Source<Shops>) -> SQLExpression<PG.UUID, NotNull>' to expected argument type '(Source<Shops>) -> SQLExpression<PG.Boolean, NotNull>'
// ON takes a condition.
import SQLBuilder

let query = shops { s, q, out in
  q.join(Shops.self, as: "o") { $0.id }
}
