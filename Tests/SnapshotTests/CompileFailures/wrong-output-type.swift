// expect: cannot convert value of type 'Expression<PG.Integer, NotNull>' to expected argument type 'Expression<PG.BigInt, NotNull>'
// An output column takes exactly its declared type: integer is not bigint.
import SQLBuilder

let query = Query(ShopTotals.self) { out in
  out.id(s.id)
  out.visits(s.seats)
}.from(s)
