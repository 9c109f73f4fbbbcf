// expect: compiles
// The control: the same shapes, typed correctly, must compile, or the other cases prove nothing.
import SQLBuilder

let spend: Expression<PG.Numeric, NotNull> = coalesce(s.spend, .constant(0))
let total: Expression<PG.Numeric, Nullable> = sum(s.seats * s.spend)
let same: Expression<PG.Boolean, NotNull> = s.id == t.id
let query = Query(ShopTotals.self) { out in
  out.id(s.id)
  out.visits(count())
}.from(s).leftJoin(Shops.alias("o").optional, on: s.id == s.id).groupBy(s.id)
