// expect: cannot convert value of type 'PartialKeyPath<Shops>' to expected argument type 'PartialKeyPath<ShopTotals>'
// ORDER BY of a combined query names the output's own columns.
import SQLBuilder

let query = shops { s, q, out in out.id(s.id) }.orderBy(\Shops.name)
