// expect: cannot convert value of type '(Arguments<NoParameters>) -> Select<ShopTotals>' to expected argument type '(Arguments<NoParameters>) -> Select<Shops>'
// A SQL function's query returns the rows the function declares.
import SQLBuilder

let f = CreateFunction(Function("public", "f"), returnsSetOf: Shops.self) { _ in
  shops { s, q, out in out.id(s.id) }
}
