// expect: closure captures 'later' before it is declared
// A join condition cannot read a source joined after it: its handle does not exist yet.
import SQLBuilder

func build(_ q: SelectBuilder, _ out: Projection<ShopTotals>) {
  let s = q.from(Shops.self, as: "s")
  let first = q.join(Shops.self, as: "a") { a in a.id == later.id }
  let later = q.join(Shops.self, as: "b") { b in b.id == s.id }
  out.id(first.id)
  out.visits(count(later.id))
}
let query = Select(ShopTotals.self, build)
