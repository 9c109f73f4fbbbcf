// expect: cannot find 's' in scope
// Sources belong to the query that reads them; another query's handle is out of reach.
import SQLBuilder

let one = shops { s, q, out in out.id(s.id) }
let two = Select(ShopTotals.self) { q, out in
  out.id(s.id)
}
