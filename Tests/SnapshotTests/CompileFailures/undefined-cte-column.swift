// expect: has no dynamic member 'revenue' using key path from root type 'ShopTotals'
// Reading a column the CTE does not define.
import SQLBuilder

let query = Query(ShopTotals.self) { out in
  out.id(t.id)
  out.visits(t.revenue)
}.from(t)
