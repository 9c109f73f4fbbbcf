// expect: cannot convert value of type 'Select<Shops>' to expected argument type 'Select<ShopTotals>'
// UNION branches share the output relation, so their columns line up by construction.
import SQLBuilder

let other = Select(Shops.self) { q, out in out.id(q.from(Shops.self, as: "x").id) }
let query = shops { s, q, out in out.id(s.id) }.unionAll(other)
