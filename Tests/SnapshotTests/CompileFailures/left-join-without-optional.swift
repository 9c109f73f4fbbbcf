// expect: cannot convert value of type 'Source<Shops>' to expected argument type 'OptionalSource<R>'
// A LEFT JOINed source must be declared optional, so its columns are typed as possibly NULL.
import SQLBuilder

let other = Shops.alias("o")
let query = Query(ShopTotals.self) { out in
  out.id(s.id)
  out.visits(count())
}.from(s).leftJoin(other, on: other.id == s.id)
