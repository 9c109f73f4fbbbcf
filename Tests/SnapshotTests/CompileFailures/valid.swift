// expect: compiles
// The control: the same shapes, typed correctly, must compile, or the other cases prove nothing.
import Foundation
import SQLBuilder

// Foundation has an `Expression` of its own; the DSL's names do not collide with it.
let spend: (Source<Shops>) -> SQLExpression<PG.Numeric, NotNull> = {
  coalesce($0.spend, .constant(0))
}
let query = shops { s, q, out in
  let o = q.leftJoin(Shops.self, as: "o") { $0.manager == s.id }
  let total: SQLExpression<PG.Numeric, Nullable> = sum(s.seats * s.spend)
  q.where(s.spend.isNull || s.openedOn > s.openedOn)
  q.groupBy(s.id)
  q.having(total > .constant(0))
  out.visits(count(o.id))
  out.id(s.id)
}
let inverted = shops { s, q, out in
  q.where(s.seats < 2_147_483_647 && s.id.cast(to: PG.Text.self) == "x")
  out.id(s.name.cast(to: PG.UUID.self))
  out.visits(s.seats.cast(to: PG.BigInt.self))
}
let ctes = with {
  shops { s, q, out in
    out.id(s.id)
    out.visits(.constant(1))
  }
} select: {
  Select(ShopTotals.self) { q, out in
    let t = q.from(ShopTotals.self, as: "t")
    out.id(t.id)
    out.visits(t.visits)
  }
}.orderBy(\.visits)
