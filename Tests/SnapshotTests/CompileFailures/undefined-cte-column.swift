// expect: has no dynamic member 'revenue' using key path from root type 'ShopTotals'
// Reading a column the CTE does not define.
import SQLBuilder

let query = Select(ShopTotals.self) { q, out in
  let t = q.from(ShopTotals.self, as: "t")
  out.id(t.id)
  out.visits(t.revenue)
}
